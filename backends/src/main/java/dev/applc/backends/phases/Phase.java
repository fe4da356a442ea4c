package dev.applc.backends.phases;

import dev.applc.compiler.source.SourceSpan;
import java.util.List;

/**
 * One step of the image build: {@code build/phases/ID.sh}, what it reads besides its own text (so
 * that a rebuild can tell whether it must run again) and the files it makes that are results.
 *
 * @param id {@code NN-name}, the script's file name without {@code .sh}; phases run in this order
 * @param script the script's text
 * @param inputs what the phase reads from the spec's folder, the key folder or the config tree
 * @param artifacts files under {@code $WORK} that are results of the build, published when the
 *     phase has completed
 * @param checkpoint whether a cache keeps the whole work folder after this phase: worth it where
 *     the phase is slow and later inputs change more often than its own (the bootstrap)
 */
public record Phase(
    String id,
    String script,
    List<Input> inputs,
    List<String> artifacts,
    boolean checkpoint,
    List<SourceSpan> origins) {

  public Phase {
    inputs = List.copyOf(inputs);
    artifacts = List.copyOf(artifacts);
    origins = List.copyOf(origins);
  }

  /** The script's path in the output tree. */
  public String path() {
    return PhasesBackend.PHASES_DIR + "/" + id + ".sh";
  }

  /** Where an input lives: the folder build.sh's environment names. */
  public enum Root {
    SPEC("spec"),
    KEYS("keys"),
    CONFIG("config");

    private final String id;

    Root(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  /** A file or folder a phase reads, relative to its root. */
  public record Input(Root root, String path) {}
}
