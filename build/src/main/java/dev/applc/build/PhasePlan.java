package dev.applc.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The phases of a config tree's build as {@code build/phases.list} declares them: in order, each
 * with what it reads besides its script, the results it publishes, and whether the cache keeps the
 * work folder after it.
 */
public record PhasePlan(List<Step> steps) {
  public static final String LIST = "build/phases.list";
  public static final String PHASES = "build/phases";

  public PhasePlan {
    steps = List.copyOf(steps);
  }

  /**
   * One phase.
   *
   * @param pure whether the phase only replaces files it makes itself, so that running it again on
   *     a work folder that later phases have already changed gives the same result
   * @param sourceDate whether the phase's result depends on the build's SOURCE_DATE_EPOCH; one that
   *     does not ({@code no-source-date} in the list: the bootstrap, which sets its own) keeps its
   *     key, and its checkpoint, across commits
   */
  public record Step(
      String id,
      List<Input> inputs,
      List<String> artifacts,
      boolean checkpoint,
      boolean pure,
      boolean sourceDate) {
    public Step {
      inputs = List.copyOf(inputs);
      artifacts = List.copyOf(artifacts);
    }

    public Path script(Path config) {
      return config.resolve(PHASES).resolve(id + ".sh");
    }
  }

  /** An input: {@code spec}, {@code keys} or {@code config}, and a path relative to it. */
  public record Input(String root, String path) {}

  public static PhasePlan read(Path config) throws IOException {
    return parse(Files.readAllLines(config.resolve(LIST), StandardCharsets.UTF_8));
  }

  /** The plan of {@code build/phases.list}'s lines. */
  public static PhasePlan parse(List<String> lines) throws IOException {
    List<Step> steps = new ArrayList<>();
    String id = null;
    List<Input> inputs = new ArrayList<>();
    List<String> artifacts = new ArrayList<>();
    boolean checkpoint = false;
    boolean pure = false;
    boolean sourceDate = true;
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.indexOf(' ');
      String word = space < 0 ? line : line.substring(0, space);
      String rest = space < 0 ? "" : line.substring(space + 1);
      switch (word) {
        case "phase" -> {
          if (id != null) {
            steps.add(new Step(id, inputs, artifacts, checkpoint, pure, sourceDate));
          }
          id = rest;
          inputs = new ArrayList<>();
          artifacts = new ArrayList<>();
          checkpoint = false;
          pure = false;
          sourceDate = true;
        }
        case "input" -> {
          int s = rest.indexOf(' ');
          if (s < 0) {
            throw new IOException(LIST + ": bad input line: " + line);
          }
          inputs.add(new Input(rest.substring(0, s), rest.substring(s + 1)));
        }
        case "artifact" -> artifacts.add(rest);
        case "checkpoint" -> checkpoint = true;
        case "pure" -> pure = true;
        case "no-source-date" -> sourceDate = false;
        default -> throw new IOException(LIST + ": unknown line: " + line);
      }
    }
    if (id != null) {
      steps.add(new Step(id, inputs, artifacts, checkpoint, pure, sourceDate));
    }
    return new PhasePlan(steps);
  }
}
