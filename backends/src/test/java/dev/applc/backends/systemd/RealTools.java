package dev.applc.backends.systemd;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the systemd tools that read the generated files (Debian package {@code systemd}). CI
 * installs them and a missing tool fails there ({@code CI=true}); elsewhere the test is skipped
 * with a message.
 */
final class RealTools {
  private RealTools() {}

  /** What a tool printed (stdout and stderr together) and how it exited. */
  record Outcome(int exit, String output) {
    List<String> lines() {
      return output.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  /** A tool on PATH, or an absolute path; skips or fails the test when it is missing. */
  static String require(String tool) {
    Optional<Path> found = find(tool);
    if (found.isEmpty() && "true".equals(System.getenv("CI"))) {
      fail(tool + " is not installed; .ci/run must install it (Debian package systemd)");
    }
    assumeTrue(found.isPresent(), tool + " is not installed here");
    return found.get().toString();
  }

  /** systemd's service manager, whose {@code --test} mode prints how it read the units. */
  static String manager() {
    for (String p : List.of("/usr/lib/systemd/systemd", "/lib/systemd/systemd")) {
      if (Files.isExecutable(Path.of(p))) {
        return p;
      }
    }
    return require("/usr/lib/systemd/systemd");
  }

  private static Optional<Path> find(String tool) {
    if (tool.startsWith("/")) {
      return Files.isExecutable(Path.of(tool)) ? Optional.of(Path.of(tool)) : Optional.empty();
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    return Stream.of(path.split(File.pathSeparator))
        .map(dir -> Path.of(dir, tool))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** Runs a command in a clean environment plus {@code env}. */
  static Outcome run(Path dir, Map<String, String> env, List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    pb.environment().put("LANG", "C.UTF-8");
    pb.environment().put("SYSTEMD_COLORS", "0");
    pb.environment().put("SYSTEMD_PAGER", "");
    pb.environment().putAll(env);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", command) + " did not finish");
    }
    return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /**
   * A command as an unprivileged user: systemd's {@code --test} mode refuses to run as root, so
   * root drops to {@code nobody} with setpriv (util-linux).
   */
  static List<String> unprivileged(List<String> command) {
    if (!"root".equals(System.getProperty("user.name"))) {
      return command;
    }
    List<String> out = new ArrayList<>();
    out.add(require("setpriv"));
    out.addAll(List.of("--reuid=65534", "--regid=65534", "--clear-groups"));
    out.addAll(command);
    return out;
  }
}
