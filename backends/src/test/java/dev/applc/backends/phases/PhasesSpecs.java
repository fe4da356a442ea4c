package dev.applc.backends.phases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.applc.backends.Backends;
import dev.applc.backends.sysupdate.SpecFixtures;
import dev.applc.compiler.backend.OutputFile;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.model.Appliance;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The repository's specs run through every backend, and helpers to run what comes out. */
public final class PhasesSpecs {
  private PhasesSpecs() {}

  /** The whole config tree of a spec, as `applc compile` writes it. */
  public static OutputTree tree(String name) {
    return tree(SpecFixtures.appliance(name), SpecFixtures.specFile(name));
  }

  public static OutputTree tree(Appliance a, String specName) {
    Diagnostics d = new Diagnostics();
    OutputTree tree = Backends.generate(a, specName, d);
    assertFalse(d.hasErrors(), () -> d.sorted().toString());
    return tree;
  }

  /** Writes a tree to a folder, with its modes. */
  public static Path write(OutputTree tree, Path dir) throws IOException {
    for (OutputFile f : tree.files()) {
      Path p = dir.resolve(f.path());
      Files.createDirectories(p.getParent());
      Files.write(p, f.content());
      Files.setPosixFilePermissions(
          p,
          PosixFilePermissions.fromString(
              f.mode() == OutputTree.MODE_EXECUTABLE ? "rwxr-xr-x" : "rw-r--r--"));
    }
    return dir;
  }

  public record Outcome(int exit, String output) {}

  public static Outcome run(Path dir, List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("LC_ALL", "C");
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", command) + " did not finish");
    }
    return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  public static String ok(Path dir, List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    Outcome r = run(dir, command, env);
    assertEquals(0, r.exit(), () -> String.join(" ", command) + ":\n" + r.output());
    return r.output();
  }

  /** Skips where a tool is missing, and fails in CI, which must have it. */
  public static void require(String tool) {
    boolean present =
        List.of(System.getenv("PATH").split(File.pathSeparator, -1)).stream()
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    if (!present && "true".equals(System.getenv("CI"))) {
      fail(tool + " is not installed; .ci/run must install it");
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(present, tool + " is not installed here");
  }
}
