package dev.applc.specs;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real tools that read generated files (systemd-repart, systemd-analyze, rauc,
 * fw_printenv, mkosi). CI installs them (.ci/run) and a missing tool fails there; on a developer
 * machine without the tool the test is skipped with a message.
 */
final class Tools {
  private Tools() {}

  /** What a tool printed and how it exited. */
  record Outcome(int exit, String output) {}

  static void require(String tool) {
    boolean present =
        List.of(System.getenv("PATH").split(java.io.File.pathSeparator)).stream()
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    if (!present && "true".equals(System.getenv("CI"))) {
      fail(tool + " is not installed; .ci/run must install it");
    }
    assumeTrue(present, tool + " is not installed here");
  }

  static Outcome run(Path dir, String... command) throws IOException, InterruptedException {
    return run(dir, Map.of(), command);
  }

  /** Runs a tool with more environment: a build phase's CONFIG, WORK and the like. */
  static Outcome run(Path dir, Map<String, String> env, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().put("SYSTEMD_COLORS", "0");
    pb.environment().put("SYSTEMD_PAGER", "");
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", command) + " did not finish");
    }
    return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
