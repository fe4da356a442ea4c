package dev.applc.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
