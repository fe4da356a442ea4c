package dev.applc.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.cli.keys.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `compile -o` and `build -o` refuse what applc did not write, with APL0010 and exit 1. */
class OutputFolderCliTest {
  @TempDir Path dir;

  static Path spec(Path dir) throws IOException {
    Path spec = dir.resolve("minimal.appliance");
    Files.copy(Path.of("..", "specs", "minimal", "minimal.appliance"), spec);
    return spec;
  }

  private static void assertRefused(Cli.Run r, String path, String reason) {
    assertEquals(1, r.exit(), r.all());
    assertTrue(r.err().contains("error[APL0010]: will not write to `" + path + "`"), r.err());
    assertTrue(r.err().contains(reason), r.err());
    assertTrue(r.err().contains("= help: choose an empty or new folder"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void compileRefusesAFolderOfTheUsersAndKeepsItsFiles() throws IOException {
    Path spec = spec(dir);
    Path mine = Files.createDirectory(dir.resolve("mine"));
    Files.writeString(mine.resolve("notes.txt"), "keep me");
    for (String command : new String[] {"compile", "build"}) {
      Cli.Run r = Cli.applc(command, spec.toString(), "-o", mine.toString());
      assertRefused(r, mine.toString(), "did not write");
      assertEquals("keep me", Files.readString(mine.resolve("notes.txt")));
    }
  }

  @Test
  void compileRefusesTheSpecAndTheFoldersAroundIt() throws IOException {
    Path spec = spec(dir);
    for (String command : new String[] {"compile", "build"}) {
      assertRefused(
          Cli.applc(command, spec.toString(), "-o", spec.toString()),
          spec.toString(),
          "it is the spec itself");
      assertRefused(
          Cli.applc(command, spec.toString(), "-o", dir.toString()),
          dir.toString(),
          "it holds the spec");
      assertRefused(Cli.applc(command, spec.toString(), "-o", "."), ".", "the current folder");
      assertTrue(Files.isRegularFile(spec));
    }
  }

  @Test
  void compileReplacesItsOwnOutputAndBuildRefusesIt() throws IOException {
    Path spec = spec(dir);
    Path out = dir.resolve("out");
    assertEquals(0, Cli.applc("compile", spec.toString(), "-o", out.toString()).exit());
    Cli.Run again = Cli.applc("compile", spec.toString(), "-o", out.toString());
    assertEquals(0, again.exit(), again.all());
    assertTrue(Files.isRegularFile(out.resolve("manifest.json")));
    // A compile output holds no config/: it is not a build's output folder.
    assertRefused(
        Cli.applc("build", spec.toString(), "-o", out.toString()),
        out.toString(),
        "applc build did not write");
  }
}
