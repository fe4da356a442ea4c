package dev.applc.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `applc test` as a user runs it in CI, on specs/minimal-signed (three versions, RAUC driving
 * systemd-boot entries) and specs/minimal-sysupdate (four versions, systemd-sysupdate with
 * systemd-boot's own boot counting), both on dm-verity roots. Every scenario must pass, each with
 * its evidence line.
 */
class LifecycleImageTest {
  private static final List<String> TOOLS =
      List.of(
          "mmdebstrap",
          "mksquashfs",
          "veritysetup",
          "objcopy",
          "sbsign",
          "mkfs.vfat",
          "mcopy",
          "systemd-repart",
          "rauc",
          "casync",
          "openssl",
          "sfdisk",
          "qemu-system-x86_64");

  private static final List<String> SYSUPDATE_TOOLS =
      List.of(
          "mmdebstrap",
          "mksquashfs",
          "veritysetup",
          "objcopy",
          "mkfs.vfat",
          "mcopy",
          "systemd-repart",
          "zstd",
          "gpg",
          "sfdisk",
          "qemu-system-x86_64");

  @TempDir Path tmp;

  @Test
  void minimalSignedUpdatesRollsBackSurvivesAPowerCutAndRefusesWhatItMust() throws Exception {
    ImageBuilds.requireTools(TOOLS);
    assertEveryScenarioPasses("minimal-signed");
  }

  @Test
  void minimalSysupdateUpdatesIsBlessedRollsBackAndRefusesWhatItMust() throws Exception {
    ImageBuilds.requireTools(SYSUPDATE_TOOLS);
    assertEveryScenarioPasses("minimal-sysupdate");
  }

  private void assertEveryScenarioPasses(String name) throws Exception {
    Path specDir = Files.createDirectories(tmp.resolve(name));
    Path spec = specDir.resolve(name + ".appliance");
    Files.copy(ImageBuilds.repo().resolve("specs/" + name + "/" + name + ".appliance"), spec);
    StringWriter keys = new StringWriter();
    assertEquals(0, ImageBuilds.applc(keys, "keys", spec.toString()), keys.toString());

    StringWriter out = new StringWriter();
    int exit =
        ImageBuilds.applc(
            out, "test", spec.toString(), "-o", tmp.resolve(name + "-test").toString());
    String text = out.toString();
    System.out.println(
        text.lines().filter(l -> l.startsWith("PASS") || l.startsWith("FAIL")).toList());
    assertEquals(0, exit, text);
    for (String scenario :
        List.of("first boot", "update", "refusal", "rollback", "power cut", "tampered root")) {
      assertTrue(text.contains("PASS " + scenario + " ("), scenario + ":\n" + text);
    }
    assertTrue(text.contains("6 of 6 scenarios passed"), text);
  }
}
