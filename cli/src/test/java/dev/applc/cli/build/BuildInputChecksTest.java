package dev.applc.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.cli.keys.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code applc build} checks what it is given before it writes or runs anything: a missing key is
 * an APL0506 error at the spec's {@code key} block, one per key, and the output folder is not
 * created; {@code --previous} must be an earlier build's folder.
 */
class BuildInputChecksTest {
  @TempDir Path dir;

  @Test
  void missingKeysStopTheBuildBeforeAnythingIsWritten() throws Exception {
    Path spec = copySpec();
    Path out = dir.resolve("out");
    Cli.Run run = Cli.applc("build", spec.toString(), "-o", out.toString());
    assertEquals(1, run.exit(), run.all());
    String err = run.err();
    assertTrue(
        err.contains(
            "error[APL0506]: key `secureboot`: `keys/secureboot.key` and `keys/secureboot.crt` do"
                + " not exist in "),
        err);
    assertTrue(err.contains("read by 70-uki, 75-esp"), err);
    assertTrue(err.contains("minimal-signed.appliance:49:3"), err);
    assertTrue(err.contains("key `release-ca`: `keys/release-ca.pem` does not exist"), err);
    assertTrue(err.contains("read by 20-files, 90-bundle"), err);
    assertTrue(err.contains("help: `applc keys "), err);
    assertEquals(3, err.split("error\\[APL0506]", -1).length - 1, err);
    assertTrue(err.contains("nothing built"), err);
    assertFalse(Files.exists(out), "the output folder was created");
  }

  /** With {@code --format json} a build that stops before its phases still ends with an event. */
  @Test
  void aBuildStoppedBeforeItsPhasesEndsWithOneJsonEvent() throws Exception {
    Path spec = copySpec();
    Path out = dir.resolve("out");
    Cli.Run run = Cli.applc("build", "--format", "json", spec.toString(), "-o", out.toString());
    assertEquals(1, run.exit(), run.all());
    String[] lines = run.out().split("\n");
    assertEquals(1, lines.length, run.out());
    assertTrue(
        lines[0].matches(
            "\\{\"event\":\"build-end\",\"status\":\"failed\",\"ran\":0,\"reused\":0,"
                + "\"elapsedMs\":[0-9]+}"),
        lines[0]);
    // The diagnostics are for people, on standard error, as without --format.
    assertTrue(run.err().contains("error[APL0506]"), run.err());
  }

  @Test
  void withKeysTheFilesAreLookedForInThatFolderNotBesideTheSpec() throws Exception {
    Path spec = copySpec();
    assertEquals(0, Cli.applc("keys", spec.toString()).exit());
    Path stub = dir.resolve("no-such-keys");
    Cli.Run elsewhere =
        Cli.applc("build", spec.toString(), "-o", dir + "/out", "--keys", stub.toString());
    assertEquals(1, elsewhere.exit());
    assertTrue(elsewhere.err().contains("does not exist in " + stub), elsewhere.err());
  }

  /**
   * An overlay folder that does not exist is a warning for check (a script may make it), and stops
   * build and test before they write or run anything: not after the bootstrap, minutes later.
   */
  @Test
  void aMissingOverlayIsAWarningForCheckAndStopsBuildAndTest() throws Exception {
    Path spec = copySpec();
    assertEquals(0, Cli.applc("keys", spec.toString()).exit());
    String text = Files.readString(spec);
    Files.writeString(
        spec, text.replace("    packages = [", "    overlays = [\"overlay/\"]\n    packages = ["));
    Cli.Run check = Cli.applc("check", spec.toString());
    assertEquals(0, check.exit(), check.all());
    assertTrue(
        check.err().contains("warning[APL0409]: the overlay `overlay/` does not exist"),
        check.err());
    assertTrue(check.err().contains("minimal-signed.appliance:"), check.err());
    for (String verb : new String[] {"build", "test"}) {
      Path out = dir.resolve("out-" + verb);
      Cli.Run run = Cli.applc(verb, spec.toString(), "-o", out.toString());
      assertEquals(1, run.exit(), run.all());
      assertTrue(run.err().contains("the inputs above are missing"), run.err());
      assertFalse(Files.exists(out), verb + " created its output folder");
    }
    Files.createDirectories(dir.resolve("overlay"));
    Cli.Run fixed = Cli.applc("check", spec.toString());
    assertFalse(fixed.err().contains("APL0409"), fixed.err());
  }

  @Test
  void previousMustBeAnotherExistingFolder() throws Exception {
    Path spec = copySpec();
    Path out = dir.resolve("out");
    Cli.Run missing =
        Cli.applc("build", spec.toString(), "-o", out.toString(), "--previous", dir + "/old");
    assertEquals(2, missing.exit(), missing.all());
    assertTrue(missing.err().contains("is not a folder"), missing.err());
    Files.createDirectories(out);
    Cli.Run itself =
        Cli.applc("build", spec.toString(), "-o", out.toString(), "--previous", out.toString());
    assertEquals(2, itself.exit(), itself.all());
    assertTrue(itself.err().contains("names the output folder itself"), itself.err());
  }

  private Path copySpec() throws Exception {
    Path spec = dir.resolve("minimal-signed.appliance");
    Files.copy(
        Path.of("..", "specs", "minimal-signed", "minimal-signed.appliance").toAbsolutePath(),
        spec);
    return spec;
  }
}
