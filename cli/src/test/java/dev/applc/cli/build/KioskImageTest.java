package dev.applc.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.vm.UnitFailures;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The new user's kiosk (specs/kiosk, issue 14) as they would run it: a browser in cage on tty1, an
 * ab-root-rauc disk, RAUC. It is checked clean, built, booted to its session with no failed unit on
 * the way, and then `applc test` runs every scenario on it, the session's health included (up,
 * never restarted). Chromium makes it a build of a few minutes and `applc test` about 25, so it
 * runs nightly ({@code .ci/nightly}, or {@code -Dapplc.nightly=true}), not on every change.
 */
class KioskImageTest {
  private static final List<String> TOOLS =
      List.of(
          "mmdebstrap",
          "mksquashfs",
          "veritysetup",
          "objcopy",
          "mkfs.vfat",
          "mcopy",
          "systemd-repart",
          "rauc",
          "openssl",
          "sfdisk",
          "qemu-system-x86_64");

  @TempDir Path tmp;

  @Test
  @EnabledIfSystemProperty(named = "applc.nightly", matches = "true")
  void theKioskFromTheDocsBootsToItsSessionAndPassesApplcTest() throws Exception {
    ImageBuilds.requireTools(TOOLS);
    Path specDir = Files.createDirectories(tmp.resolve("kiosk"));
    Path spec = specDir.resolve("kiosk.appliance");
    Files.copy(ImageBuilds.repo().resolve("specs/kiosk/kiosk.appliance"), spec);
    StringWriter keys = new StringWriter();
    assertEquals(0, ImageBuilds.applc(keys, "keys", spec.toString()), keys.toString());

    StringWriter check = new StringWriter();
    assertEquals(0, ImageBuilds.applc(check, "check", spec.toString()), check.toString());
    assertTrue(check.toString().contains("no problems"), check.toString());

    Path out = tmp.resolve("out");
    StringWriter build = new StringWriter();
    assertEquals(
        0,
        ImageBuilds.applc(build, "build", spec.toString(), "-o", out.toString()),
        build.toString());

    // The image the user ships, without the test agent: its session starts, nothing fails.
    Path log = tmp.resolve("boot.log");
    StringWriter vm = new StringWriter();
    int booted =
        ImageBuilds.applc(
            vm,
            "vm",
            "--expect=Started kiosk-session.service",
            "--timeout=420",
            "--log=" + log,
            out.toString());
    assertEquals(0, booted, vm + "\n" + ImageBuilds.tail(log));
    assertEquals(
        List.of(),
        UnitFailures.in(Files.readString(log, StandardCharsets.ISO_8859_1)),
        ImageBuilds.tail(log));

    // The dev profile: an SSH server and a login prompt on tty2, on the same cache.
    Path dev = tmp.resolve("dev");
    StringWriter devBuild = new StringWriter();
    assertEquals(
        0,
        ImageBuilds.applc(
            devBuild,
            "build",
            spec.toString(),
            "--profile=dev",
            "-o",
            dev.toString(),
            "--cache",
            out.resolve("cache").toString()),
        devBuild.toString());
    Path devLog = tmp.resolve("dev.log");
    StringWriter devVm = new StringWriter();
    int devBooted =
        ImageBuilds.applc(
            devVm,
            "vm",
            "--expect=Started ssh.service",
            "--timeout=420",
            "--log=" + devLog,
            dev.toString());
    assertEquals(0, devBooted, devVm + "\n" + ImageBuilds.tail(devLog));

    StringWriter test = new StringWriter();
    int exit =
        ImageBuilds.applc(
            test,
            "test",
            spec.toString(),
            "-o",
            tmp.resolve("test").toString(),
            "--cache",
            out.resolve("cache").toString());
    String text = test.toString();
    System.out.println(
        text.lines().filter(l -> l.startsWith("PASS") || l.startsWith("FAIL")).toList());
    assertEquals(0, exit, text);
    assertTrue(text.contains("6 of 6 scenarios passed"), text);
  }
}
