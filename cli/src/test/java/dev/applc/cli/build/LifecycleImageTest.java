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
 * `applc test` on specs/minimal-signed, as a user runs it in CI: three versions built, the
 * lifecycle run in QEMU with RAUC, systemd-boot's boot counting and dm-verity. Every scenario must
 * pass, each with its evidence line.
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

  @TempDir Path tmp;

  @Test
  void minimalSignedUpdatesRollsBackSurvivesAPowerCutAndRefusesWhatItMust() throws Exception {
    ImageBuilds.requireTools(TOOLS);
    Path specDir = Files.createDirectories(tmp.resolve("spec"));
    Path spec = specDir.resolve("minimal-signed.appliance");
    Files.copy(ImageBuilds.repo().resolve("specs/minimal-signed/minimal-signed.appliance"), spec);
    StringWriter keys = new StringWriter();
    assertEquals(0, ImageBuilds.applc(keys, "keys", spec.toString()), keys.toString());

    StringWriter out = new StringWriter();
    int exit =
        ImageBuilds.applc(out, "test", spec.toString(), "-o", tmp.resolve("test").toString());
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
