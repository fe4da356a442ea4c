package dev.applc.backends.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit names of paths, against systemd-escape itself where this machine has it. */
class UnitNamesTest {
  private static final List<String> PATHS =
      List.of(
          "/dev/disk/by-partlabel/system",
          "/dev/disk/by-partlabel/root-a",
          "/var/lib/machines/debian ui",
          "/.hidden/x.y",
          "//dev//vda3/",
          "/srv/données");

  @Test
  void escapesAsSystemdDoes() {
    assertEquals(
        "dev-disk-by\\x2dpartlabel-system.device",
        UnitNames.device("/dev/disk/by-partlabel/system"));
    assertEquals("\\x2ehidden-x.y", UnitNames.escapePath("/.hidden/x.y"));
    assertEquals("-", UnitNames.escapePath("/"));
  }

  @Test
  void agreesWithSystemdEscape() throws Exception {
    RealTools.require("systemd-escape");
    for (String path : PATHS) {
      Process p = new ProcessBuilder("systemd-escape", "--path", "--", path).start();
      String expected = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), path);
      assertEquals(expected.strip(), UnitNames.escapePath(path), path);
    }
  }
}
