package dev.applc.backends.phases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.backends.sysupdate.SpecFixtures;
import dev.applc.compiler.model.Appliance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configure phase writes the image's id and version into os-release: systemd-sysupdate refuses
 * to run without IMAGE_VERSION, and the UKI's .osrel is made from this file. The real phase runs on
 * a temporary root shaped like Debian's (/etc/os-release a link to ../usr/lib/os-release); only
 * systemctl is a stand-in.
 */
class PhasesOsReleaseTest {
  @TempDir Path tmp;

  static final String SPEC =
      String.join(
          "\n",
          "applc 1",
          "import std:boards/x86_64-uefi",
          "appliance kiosk {",
          "  version = \"2.0~rc1\"",
          "  board = x86_64-uefi",
          "  os debian bookworm { packages = [linux-image-amd64] }",
          "  disk {",
          "    partition esp { type = esp; size = 256M; mount = \"/efi\"; contents = boot }",
          "    partition root { type = root; size = 1G; contents = os }",
          "  }",
          "  build { image-id = kiosk-os }",
          "}",
          "");

  @Test
  void imageIdAndVersionAreInOsReleaseOnceAfterEveryRun() throws Exception {
    Appliance a = SpecFixtures.applianceOf(SPEC);
    Path config = PhasesSpecs.write(PhasesSpecs.tree(a, "kiosk.appliance"), tmp.resolve("config"));
    Path work = tmp.resolve("work");
    Path rootfs = Files.createDirectories(work.resolve("rootfs"));
    Path osRelease = Files.createDirectories(rootfs.resolve("usr/lib")).resolve("os-release");
    Files.writeString(
        osRelease, "PRETTY_NAME=\"Debian GNU/Linux 12\"\nID=debian\nIMAGE_VERSION=stale\n");
    Files.createDirectories(rootfs.resolve("etc"));
    Files.createSymbolicLink(rootfs.resolve("etc/os-release"), Path.of("../usr/lib/os-release"));
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path systemctl = bin.resolve("systemctl");
    Files.writeString(systemctl, "#!/bin/bash\nexit 0\n");
    assertTrue(systemctl.toFile().setExecutable(true));
    Map<String, String> env =
        Map.of(
            "CONFIG", config.toString(),
            "SPEC_DIR", tmp.toString(),
            "KEYS", tmp.toString(),
            "WORK", work.toString(),
            "SOURCE_DATE_EPOCH", "0",
            "PATH", bin + ":" + System.getenv("PATH"));
    List<String> phase = List.of("bash", config.resolve("build/phases/30-configure.sh").toString());

    PhasesSpecs.ok(tmp, phase, env);
    PhasesSpecs.ok(tmp, phase, env); // the phase can run again

    assertEquals(
        List.of(
            "PRETTY_NAME=\"Debian GNU/Linux 12\"",
            "ID=debian",
            "IMAGE_ID=\"kiosk-os\"",
            "IMAGE_VERSION=\"2.0~rc1\""),
        Files.readAllLines(osRelease));
    assertTrue(Files.isSymbolicLink(rootfs.resolve("etc/os-release")), "the link stays a link");
  }
}
