package dev.applc.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The phase runner on a tiny pipeline of cheap phases shaped like the real one: a slow checkpointed
 * base, a phase that copies an overlay into the tree, and a pure phase that makes a result. Each
 * phase appends its name to a file outside the work folder, so the tests see what ran.
 */
class BuildRunnerTest {
  @TempDir Path tmp;
  Path config;
  Path spec;
  Path out;

  @BeforeEach
  void pipeline() throws IOException {
    config = tmp.resolve("config");
    spec = tmp.resolve("spec");
    out = tmp.resolve("out");
    Files.createDirectories(spec.resolve("overlay"));
    Files.writeString(spec.resolve("overlay/motd"), "hello\n");
    Files.createDirectories(config.resolve("build/phases"));
    Files.writeString(
        config.resolve("build/phases.list"),
        String.join(
            "\n",
            "# a fake pipeline",
            "phase 00-base",
            "checkpoint",
            "no-source-date",
            "phase 20-files",
            "input spec overlay",
            "phase 60-image",
            "artifact images/image.txt",
            "pure",
            ""));
    script("00-base", "mkdir -p \"$WORK/tree\"\necho base >\"$WORK/tree/base\"");
    script("20-files", "cp -r \"$SPEC_DIR/overlay/.\" \"$WORK/tree/\"");
    script(
        "60-image",
        "mkdir -p \"$WORK/images\"\nrm -f \"$WORK/images/image.txt\"\n"
            + "cat \"$WORK/tree/\"* >\"$WORK/images/image.txt\"\n"
            + "echo \"date $SOURCE_DATE_EPOCH\" >>\"$WORK/images/image.txt\"");
  }

  private void script(String id, String body) throws IOException {
    Files.writeString(
        config.resolve("build/phases/" + id + ".sh"),
        "#!/bin/bash\nset -euo pipefail\n"
            + "trap 'echo \""
            + id
            + ": line $LINENO: command failed: $BASH_COMMAND\" >&2' ERR\n"
            + "echo "
            + id
            + " >>\"$WORK/../ran\"\n"
            + body
            + "\n");
  }

  private final StringWriter progress = new StringWriter();

  private PhaseRunner.Outcome build() throws Exception {
    return build(1700000000L);
  }

  private PhaseRunner.Outcome build(long sourceDate) throws Exception {
    return build(sourceDate, out.resolve("cache"));
  }

  private PhaseRunner.Outcome build(long sourceDate, Path cache) throws Exception {
    BuildEnvironment env =
        new BuildEnvironment(
            config,
            spec,
            spec,
            out.resolve("work"),
            out.resolve("images"),
            out.resolve("logs"),
            cache,
            sourceDate);
    return new PhaseRunner(env, new PrintWriter(progress, true)).run(PhasePlan.read(config));
  }

  private List<String> ran() throws IOException {
    Path ran = out.resolve("ran");
    return Files.exists(ran) ? Files.readAllLines(ran) : List.of();
  }

  @Test
  void aCleanBuildRunsEveryPhaseLogsEachAndPublishesTheResult() throws Exception {
    PhaseRunner.Outcome o = build();
    assertTrue(o.ok());
    assertEquals(List.of("00-base", "20-files", "60-image"), o.ran());
    assertEquals(
        "base\nhello\ndate 1700000000\n", Files.readString(out.resolve("images/image.txt")));
    for (String id : List.of("00-base", "20-files", "60-image")) {
      assertTrue(Files.exists(out.resolve("logs/" + id + ".log")), id);
    }
    String[] lines = progress.toString().split("\n");
    assertEquals(3, lines.length, progress.toString());
    assertTrue(lines[0].matches("\\[1/3\\] 00-base +done in [0-9.]+s"), lines[0]);
  }

  @Test
  void aRebuildWithNothingChangedRunsNothing() throws Exception {
    build();
    Files.delete(out.resolve("ran"));
    PhaseRunner.Outcome o = build();
    assertTrue(o.ok());
    assertEquals(List.of(), ran());
    assertEquals(List.of("00-base", "20-files", "60-image"), o.reused());
    assertTrue(Files.exists(out.resolve("images/image.txt")));
  }

  @Test
  void aNewOutputFolderStartsFromTheLatestCheckpointOfASharedCache() throws Exception {
    Path shared = tmp.resolve("shared-cache");
    build(1700000000L, shared);
    // Another output folder (applc test builds each version into its own) with the same cache.
    out = tmp.resolve("out2");
    Files.writeString(spec.resolve("overlay/motd"), "version two\n");
    PhaseRunner.Outcome o = build(1700000000L, shared);
    assertTrue(o.ok());
    assertEquals(List.of("20-files", "60-image"), ran());
    assertEquals(List.of("00-base"), o.reused());
    assertEquals(
        "base\nversion two\ndate 1700000000\n", Files.readString(out.resolve("images/image.txt")));
  }

  @Test
  void anOverlayChangeReusesTheBaseFromItsCheckpoint() throws Exception {
    build();
    Files.writeString(spec.resolve("overlay/motd"), "changed\n");
    Files.writeString(spec.resolve("overlay/extra"), "new\n");
    Files.delete(out.resolve("ran"));
    PhaseRunner.Outcome o = build();
    assertTrue(o.ok());
    assertEquals(List.of("20-files", "60-image"), ran());
    assertEquals(List.of("00-base"), o.reused());
    // The old overlay's effects are gone: the tree came back from the checkpoint.
    assertEquals(
        "base\nnew\nchanged\ndate 1700000000\n", Files.readString(out.resolve("images/image.txt")));
  }

  @Test
  void aNewSourceDateReusesThePhaseThatDoesNotDependOnIt() throws Exception {
    build(1700000000L);
    Files.delete(out.resolve("ran"));
    PhaseRunner.Outcome o = build(1700086400L);
    assertTrue(o.ok());
    assertEquals(List.of("00-base"), o.reused());
    assertEquals(List.of("20-files", "60-image"), ran());
    assertEquals(
        "base\nhello\ndate 1700086400\n", Files.readString(out.resolve("images/image.txt")));
  }

  @Test
  void restoringACheckpointMarksItUsedForPruning() throws Exception {
    build();
    Path used;
    try (var s = Files.list(out.resolve("cache"))) {
      used = s.toList().get(0).resolve(Cache.USED);
    }
    assertTrue(Files.exists(used), "a new checkpoint is marked used");
    java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(1000);
    Files.setLastModifiedTime(used, old);
    Files.writeString(spec.resolve("overlay/motd"), "changed\n");
    assertTrue(build().ok());
    assertTrue(Files.getLastModifiedTime(used).compareTo(old) > 0, "the restore marked it");
  }

  @Test
  void aChangedPurePhaseRunsAloneOnTheWorkFolder() throws Exception {
    build();
    script("60-image", "mkdir -p \"$WORK/images\"\necho v2 >\"$WORK/images/image.txt\"");
    Files.delete(out.resolve("ran"));
    assertTrue(build().ok());
    assertEquals(List.of("60-image"), ran());
    assertEquals("v2\n", Files.readString(out.resolve("images/image.txt")));
  }

  @Test
  void aFailedPhaseIsNamedWithItsCommandAndLogAndPublishesNothing() throws Exception {
    build();
    script("60-image", "echo making the image\nfalse --the-failing-command\necho never");
    PhaseRunner.Outcome o = build();
    assertFalse(o.ok());
    assertEquals("60-image", o.failed());
    String text = progress.toString();
    assertTrue(text.contains("error: phase 60-image failed (exit 1)"), text);
    assertTrue(text.contains("  command: false --the-failing-command"), text);
    assertTrue(text.contains("logs/60-image.log"), text);
    assertTrue(text.contains("  | making the image"), text);
    assertFalse(text.contains("never"), text);
    assertFalse(Files.exists(out.resolve("images/image.txt")), "no result of a failed phase");
    String log = Files.readString(out.resolve("logs/60-image.log"), StandardCharsets.UTF_8);
    assertTrue(log.contains("making the image"), log);

    // Fixed: only the failed phase runs again.
    script("60-image", "mkdir -p \"$WORK/images\"\necho fixed >\"$WORK/images/image.txt\"");
    Files.delete(out.resolve("ran"));
    assertTrue(build().ok());
    assertEquals(List.of("60-image"), ran());
  }

  /**
   * The build as {@code applc build --format json} reports it: the same calls on {@link
   * BuildEvents} that BuildCommand makes, around a real run of the phases. Returns the events.
   */
  private List<JsonObject> buildWithEvents(Path cache) throws Exception {
    StringWriter lines = new StringWriter();
    BuildEvents events = new BuildEvents(new PrintWriter(lines, true));
    BuildEnvironment env =
        new BuildEnvironment(
            config,
            spec,
            spec,
            out.resolve("work"),
            out.resolve("images"),
            out.resolve("logs"),
            cache,
            1700000000L);
    PhasePlan plan = PhasePlan.read(config);
    long start = System.nanoTime();
    events.buildStarted("a", "1.0", "spec/a.appliance", out, plan);
    PhaseRunner.Outcome o = new PhaseRunner(env, new PrintWriter(progress, true), events).run(plan);
    if (o.ok()) {
      events.artifacts(plan, env.images());
    }
    events.buildEnded(o.ok() ? "built" : "failed", o, System.nanoTime() - start);
    List<JsonObject> parsed = new ArrayList<>();
    for (String line : lines.toString().split("\n")) {
      // JSON Lines: every line is one whole object.
      parsed.add(JsonParser.parseString(line).getAsJsonObject());
    }
    return parsed;
  }

  private static List<String> summary(List<JsonObject> events) {
    List<String> s = new ArrayList<>();
    for (JsonObject e : events) {
      String name = e.get("event").getAsString();
      s.add(
          switch (name) {
            case "phase-start" -> name + " " + e.get("phase").getAsString();
            case "phase-end" ->
                name
                    + " "
                    + e.get("phase").getAsString()
                    + " "
                    + e.get("status").getAsString()
                    + (e.has("from") ? " from " + e.get("from").getAsString() : "");
            case "artifact" -> name + " " + e.get("path").getAsString();
            case "build-end" -> name + " " + e.get("status").getAsString();
            default -> name;
          });
    }
    return s;
  }

  @Test
  void jsonEventsTellEachPhaseItsTimeAndTheArtifactsWithTheirHashes() throws Exception {
    List<JsonObject> events = buildWithEvents(out.resolve("cache"));
    assertEquals(
        List.of(
            "build-start",
            "phase-start 00-base",
            "phase-end 00-base done",
            "phase-start 20-files",
            "phase-end 20-files done",
            "phase-start 60-image",
            "phase-end 60-image done",
            "artifact " + out.resolve("images/image.txt"),
            "build-end built"),
        summary(events));
    assertEquals("", progress.toString(), "no progress lines for people besides the events");
    JsonObject start = events.get(0);
    assertEquals("a", start.get("appliance").getAsString());
    assertEquals(3, start.get("phases").getAsInt());
    JsonObject end = events.get(2);
    assertEquals(1, end.get("index").getAsInt());
    assertEquals(3, end.get("total").getAsInt());
    assertTrue(end.get("elapsedMs").getAsLong() >= 0);
    assertTrue(end.get("key").getAsString().matches("[0-9a-f]{64}"), end.toString());
    assertEquals(out.resolve("logs/00-base.log").toString(), end.get("log").getAsString());
    JsonObject artifact = events.get(7);
    assertEquals("60-image", artifact.get("phase").getAsString());
    assertEquals("file", artifact.get("type").getAsString());
    Path image = out.resolve("images/image.txt");
    assertEquals(Files.size(image), artifact.get("bytes").getAsLong());
    // Checked against the sha256sum tool, not against the code that made the event.
    String sha256sum =
        new String(
                new ProcessBuilder("sha256sum", image.toString())
                    .start()
                    .getInputStream()
                    .readAllBytes(),
                StandardCharsets.UTF_8)
            .split(" ")[0];
    assertEquals(sha256sum, artifact.get("sha256").getAsString());
    JsonObject last = events.get(events.size() - 1);
    assertEquals(3, last.get("ran").getAsInt());
    assertEquals(0, last.get("reused").getAsInt());
  }

  @Test
  void jsonEventsTellWhereAReusedPhaseCameFrom() throws Exception {
    Path shared = tmp.resolve("shared-cache");
    buildWithEvents(shared);
    // Nothing changed: every phase is in the work folder already.
    assertEquals(
        List.of(
            "build-start",
            "phase-end 00-base reused from work",
            "phase-end 20-files reused from work",
            "phase-end 60-image reused from work",
            "artifact " + out.resolve("images/image.txt"),
            "build-end built"),
        summary(buildWithEvents(shared)));
    // Another output folder with the same cache: the base comes from its checkpoint, a cache hit.
    out = tmp.resolve("out2");
    List<String> second = summary(buildWithEvents(shared));
    assertEquals("phase-end 00-base reused from cache", second.get(1));
    assertEquals("phase-start 20-files", second.get(2));
  }

  @Test
  void jsonEventsTellAFailedPhaseWithItsExitCode() throws Exception {
    script("20-files", "exit 3");
    List<JsonObject> events = buildWithEvents(out.resolve("cache"));
    assertEquals(
        List.of(
            "build-start",
            "phase-start 00-base",
            "phase-end 00-base done",
            "phase-start 20-files",
            "phase-end 20-files failed",
            "build-end failed"),
        summary(events));
    assertEquals(3, events.get(4).get("exit").getAsInt());
    assertEquals("20-files", events.get(5).get("failedPhase").getAsString());
    // What went wrong is still said to people, on standard error.
    assertTrue(
        progress.toString().contains("error: phase 20-files failed (exit 3)"), progress.toString());
  }
}
