package dev.applc.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.build.Privileges;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code applc build} as an ordinary user stops at once with an error that says it needs root,
 * instead of an internal error from deep inside a phase. The test runs the CLI as user nobody with
 * setpriv (util-linux), so it needs to run as root itself; elsewhere it is skipped.
 */
class BuildNeedsRootTest {
  @TempDir Path tmp;

  @Test
  void anOrdinaryUserGetsAnErrorBeforeAnythingIsWritten() throws Exception {
    Optional<Long> uid = Privileges.effectiveUid(Path.of("/proc/self/status"));
    Assumptions.assumeTrue(uid.isPresent() && uid.get() == 0, "runs as root only");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv");
    // Everything user nobody reads must be where nobody may read it: the test's classes and jars
    // (the Maven repository is usually root's own), the spec, and the folder for the output.
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
    String classpath = copyClasspath(tmp.resolve("classpath"));
    Path spec = tmp.resolve("minimal/minimal.appliance");
    Files.createDirectories(spec.getParent());
    Files.copy(ImageBuilds.repo().resolve("specs/minimal/minimal.appliance"), spec);
    Path out = tmp.resolve("out");

    Process p =
        new ProcessBuilder(
                "/usr/bin/setpriv",
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classpath,
                "dev.applc.cli.Main",
                "build",
                spec.toString(),
                "-o",
                out.toString())
            .directory(tmp.toFile())
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();

    assertEquals(1, exit, output);
    assertTrue(output.contains("error: applc build needs root"), output);
    assertTrue(output.contains("running as user id 65534"), output);
    assertTrue(output.contains("  = help: run it as root, e.g. with sudo"), output);
    assertFalse(output.contains("internal error"), output);
    assertFalse(output.contains("Exception"), output);
    assertFalse(Files.exists(out), "the output folder was created");
  }

  /** A copy of this JVM's class path under {@code dir}, readable by everyone. */
  private static String copyClasspath(Path dir) throws Exception {
    List<String> entries = new ArrayList<>();
    int i = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path from = Path.of(entry);
      if (!Files.exists(from)) {
        continue;
      }
      Path to = dir.resolve(i++ + "-" + from.getFileName());
      try (Stream<Path> walk = Files.walk(from)) {
        for (Path p : walk.toList()) {
          Path target = to.resolve(from.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(target);
          } else {
            Files.createDirectories(target.getParent());
            Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      entries.add(to.toString());
    }
    Process chmod = new ProcessBuilder("chmod", "-R", "a+rX", dir.toString()).start();
    assertEquals(0, chmod.waitFor());
    return String.join(File.pathSeparator, entries);
  }
}
