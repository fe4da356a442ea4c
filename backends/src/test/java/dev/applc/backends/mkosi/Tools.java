package dev.applc.backends.mkosi;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real tools these tests feed generated files to: mkosi (Debian package mkosi, version 14),
 * shellcheck and bash. CI installs them and a missing tool fails there; elsewhere the test is
 * skipped.
 */
final class Tools {
  private Tools() {}

  record Outcome(int exit, String output) {}

  static void require(String tool) {
    boolean present =
        List.of(System.getenv("PATH").split(File.pathSeparator, -1)).stream()
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    if (!present && "true".equals(System.getenv("CI"))) {
      fail(tool + " is not installed; .ci/run must install it");
    }
    assumeTrue(present, tool + " is not installed here");
  }

  static Outcome run(Path dir, List<String> command) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("LC_ALL", "C");
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", command) + " did not finish");
    }
    return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  static String ok(Path dir, List<String> command) throws IOException, InterruptedException {
    Outcome r = run(dir, command);
    if (r.exit() != 0) {
      fail(String.join(" ", command) + " exited " + r.exit() + ":\n" + r.output());
    }
    return r.output();
  }
}
