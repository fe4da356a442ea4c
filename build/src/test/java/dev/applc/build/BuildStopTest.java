package dev.applc.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stopping a build stops its work: a build process gets SIGTERM (a CI timeout, {@code kill}) or
 * SIGINT (Ctrl-C) while a phase runs helpers the way the bootstrap runs mmdebstrap and apt. Every
 * one of them must end with the build, including one that its parent left behind (an orphan, as a
 * tool's daemonised helper is), and the next build must run the stopped phase again.
 */
class BuildStopTest {
  @TempDir Path tmp;
  Path config;
  Path out;

  @BeforeEach
  void pipeline() throws IOException {
    config = tmp.resolve("config");
    out = tmp.resolve("out");
    Files.createDirectories(config.resolve("build/phases"));
    Files.writeString(
        config.resolve("build/phases.list"),
        "phase 00-quick\nphase 10-slow\nartifact images/slow.txt\n");
    Files.writeString(config.resolve("build/phases/00-quick.sh"), "#!/bin/bash\ntrue\n");
    // Three helpers: a background child, an orphan (its subshell exits at once) and a
    // grandchild under another bash. Their pids go to a file outside the work folder.
    slowPhase(
        "sleep 1000 & echo $! >>\"$WORK/../pids\"\n"
            + "( sleep 1001 & echo $! >>\"$WORK/../pids\" )\n"
            + "bash -c 'sleep 1002 & echo $! >>\"$WORK/../pids\"; wait' &\n"
            + "while [ \"$(wc -l <\"$WORK/../pids\")\" -lt 3 ]; do sleep 0.1; done\n"
            + "touch \"$WORK/../started\"\n"
            + "wait\n");
  }

  private void slowPhase(String body) throws IOException {
    Files.writeString(
        config.resolve("build/phases/10-slow.sh"),
        "#!/bin/bash\nset -euo pipefail\necho 10-slow >>\"$WORK/../ran\"\n" + body);
  }

  @ParameterizedTest
  @ValueSource(strings = {"TERM", "INT"})
  void aStoppedBuildEndsEveryProcessOfItsPhaseAndTheNextBuildRunsItAgain(String signal)
      throws Exception {
    Path log = tmp.resolve("build.log");
    Process build = startBuild(log);
    List<Long> helpers = new ArrayList<>();
    try {
      waitFor(out.resolve("started"), build);
      for (String line : Files.readAllLines(out.resolve("pids"))) {
        helpers.add(Long.parseLong(line.strip()));
      }
      assertEquals(3, helpers.size());
      helpers.forEach(pid -> assertTrue(alive(pid), "helper " + pid + " runs before the stop"));

      new ProcessBuilder("kill", "-" + signal, Long.toString(build.pid())).start().waitFor();
      assertTrue(build.waitFor(60, TimeUnit.SECONDS), "the build ends after SIG" + signal);
      String said = Files.readString(log, StandardCharsets.UTF_8);
      assertTrue(said.contains("10-slow") && said.contains("interrupted after"), said);
      assertTrue(said.contains("the next build runs 10-slow again"), said);
      for (long pid : helpers) {
        assertFalse(alive(pid), "helper " + pid + " outlived the build:\n" + said);
      }
    } finally {
      build.destroyForcibly();
      helpers.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    // The next build reuses 00-quick and runs the stopped phase again, from a clean start.
    slowPhase("mkdir -p \"$WORK/images\"\necho done >\"$WORK/images/slow.txt\"\n");
    Files.delete(out.resolve("ran"));
    Process again = startBuild(log);
    assertTrue(again.waitFor(60, TimeUnit.SECONDS));
    String said = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, again.exitValue(), said);
    assertTrue(said.contains("00-quick") && said.contains("reused"), said);
    assertEquals(List.of("10-slow"), Files.readAllLines(out.resolve("ran")));
    assertEquals("done\n", Files.readString(out.resolve("images/slow.txt")));
  }

  /** With JSON events, the stopped phase ends with a {@code stopped} event. */
  @Test
  void aStoppedBuildSaysSoInItsJsonEvents() throws Exception {
    Path log = tmp.resolve("build.jsonl");
    Process build = startBuild(log, "json");
    try {
      waitFor(out.resolve("started"), build);
      new ProcessBuilder("kill", "-TERM", Long.toString(build.pid())).start().waitFor();
      assertTrue(build.waitFor(60, TimeUnit.SECONDS), "the build ends after SIGTERM");
    } finally {
      build.destroyForcibly();
      for (String line : Files.readAllLines(out.resolve("pids"))) {
        ProcessHandle.of(Long.parseLong(line.strip())).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    String said = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(
        said.contains("{\"event\":\"phase-start\",\"phase\":\"10-slow\",\"index\":2,"), said);
    assertTrue(
        said.lines()
            .anyMatch(
                l ->
                    l.startsWith("{\"event\":\"phase-end\",\"phase\":\"10-slow\"")
                        && l.contains("\"status\":\"stopped\"")),
        said);
    assertTrue(said.contains("the next build runs 10-slow again"), said);
  }

  /** A build of the pipeline in a JVM of its own, its output in {@code log}. */
  private Process startBuild(Path log, String... more) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StoppableBuild.class.getName(),
                config.toString(),
                out.toString()));
    command.addAll(List.of(more));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static void waitFor(Path marker, Process build) throws Exception {
    for (int i = 0; i < 600 && !Files.exists(marker); i++) {
      assertTrue(build.isAlive(), "the build ended before its slow phase started");
      Thread.sleep(100);
    }
    assertTrue(Files.exists(marker), "the slow phase did not start");
  }

  /** Alive and not a zombie: a killed orphan may wait for a reaper that this sandbox lacks. */
  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).isPresent() && !PhaseProcess.isZombie(pid);
  }
}
