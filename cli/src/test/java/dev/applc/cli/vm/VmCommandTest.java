package dev.applc.cli.vm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.cli.keys.Cli;
import dev.applc.vm.VmImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boots tiny disks under TCG. OVMF prints its boot manager's {@code BdsDxe} lines to the serial
 * console and systemd-boot its menu ("Boot in 10 s."), which serve as markers.
 */
class VmCommandTest {
  private static final String MENU = "Boot in ";

  @TempDir Path dir;

  @Test
  void expectStopsTheVmWhenTheTextAppearsAndLeavesTheImageAlone() throws Exception {
    TinyDisk.requireTools();
    Path disk = TinyDisk.make(dir, Path.of(TinyDisk.SYSTEMD_BOOT), "disk");
    byte[] before = sha256(disk);
    Path log = dir.resolve("logs/console.log");
    Cli.Run run =
        Cli.applc(
            "vm",
            "--accel=tcg",
            "--memory=256",
            "--timeout=90",
            "--expect",
            MENU,
            "--log",
            log.toString(),
            disk.toString());
    assertEquals(0, run.exit(), run.all());
    assertTrue(run.err().contains("found `" + MENU + "` on the console after"), run.err());
    String console = Files.readString(log, StandardCharsets.ISO_8859_1);
    assertTrue(console.contains("BdsDxe"), console);
    assertTrue(console.contains(MENU), console);
    assertArrayEquals(before, sha256(disk), "the image changed");
  }

  @Test
  void anOutputFolderBootsItsImagesDisk() throws Exception {
    TinyDisk.requireTools();
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("images"));
    Path disk = TinyDisk.make(dir, Path.of(TinyDisk.SYSTEMD_BOOT), "disk");
    Files.move(disk, out.resolve(VmImage.DISK_IN_OUTPUT));
    Cli.Run run =
        Cli.applc(
            "vm", "--accel=tcg", "--memory=256", "--timeout=90", "--expect=BdsDxe", out.toString());
    assertEquals(0, run.exit(), run.all());
    assertTrue(run.out().contains("BdsDxe"), "the console goes to the terminal:\n" + run.out());
  }

  @Test
  void timeoutStopsTheVmAndFails() throws Exception {
    TinyDisk.requireTools();
    Path disk = TinyDisk.make(dir, Path.of(TinyDisk.SYSTEMD_BOOT), "disk");
    long start = System.nanoTime();
    Cli.Run run =
        Cli.applc(
            "vm",
            "--accel=tcg",
            "--memory=256",
            "--timeout=3",
            "--expect=this text never appears",
            "--log",
            dir.resolve("console.log").toString(),
            disk.toString());
    assertEquals(1, run.exit(), run.all());
    assertTrue(run.err().contains("timed out after"), run.err());
    assertTrue((System.nanoTime() - start) / 1_000_000_000L < 20, "took too long");
  }

  @Test
  void aVmThatStopsWithoutTheTextFails() throws Exception {
    TinyDisk.requireTools();
    Path disk = TinyDisk.make(dir, Path.of(TinyDisk.SYSTEMD_BOOT), "disk");
    // A "QEMU" that exits at once stands for a VM that powers off before the marker.
    Cli.Run run =
        Cli.applc("vm", "--accel=tcg", "--qemu=/bin/true", "--expect=ready", disk.toString());
    assertEquals(1, run.exit(), run.all());
    assertTrue(run.err().contains("without `ready` on the console"), run.err());
  }

  @Test
  void failedUnitsBeforeTheMarkerFailTheRunUnlessAllowed() throws Exception {
    TinyDisk.requireTools();
    Path disk = TinyDisk.make(dir, Path.of(TinyDisk.SYSTEMD_BOOT), "disk");
    // A "QEMU" that replays a recorded console stands for a guest whose boot reports failures.
    Path replay = replay("boot-with-failed-units");
    Cli.Run run =
        Cli.applc(
            "vm",
            "--accel=tcg",
            "--qemu=" + replay,
            "--timeout=60",
            "--expect=applc-minimal-ready",
            disk.toString());
    assertEquals(1, run.exit(), run.all());
    assertTrue(
        run.err()
            .contains(
                "error: 5 units failed, systemd said on the console: data.mount, local-fs.target,"
                    + " dev-vdb1.device, signage-session.service, applc-mark-good.service"),
        run.err());
    assertTrue(run.err().contains("  | [FAILED] Failed to mount data.mount - /data."), run.err());
    assertTrue(run.err().contains("found `applc-minimal-ready` on the console"), run.err());

    Cli.Run allowed =
        Cli.applc(
            "vm",
            "--accel=tcg",
            "--qemu=" + replay,
            "--timeout=60",
            "--expect=applc-minimal-ready",
            "--allow-failed-units",
            disk.toString());
    assertEquals(0, allowed.exit(), allowed.all());
    assertTrue(allowed.err().contains("warning: 5 units failed"), allowed.err());

    Cli.Run clean =
        Cli.applc(
            "vm",
            "--accel=tcg",
            "--qemu=" + replay("clean-boot"),
            "--timeout=60",
            "--expect=applc-minimal-ready",
            disk.toString());
    assertEquals(0, clean.exit(), clean.all());
    assertTrue(!clean.err().contains("failed"), clean.err());
  }

  /** A program that prints a recorded console, as QEMU would print the guest's. */
  private Path replay(String console) throws Exception {
    Path recorded = dir.resolve(console + ".console");
    try (var in =
        VmCommandTest.class.getResourceAsStream("/dev/applc/vm/" + console + ".console")) {
      Files.copy(in, recorded);
    }
    Path program = dir.resolve("replay-" + console);
    Files.writeString(program, "#!/bin/sh\nexec cat -- '" + recorded + "'\n");
    program.toFile().setExecutable(true);
    return program;
  }

  @Test
  void secureBootRefusesAnUnsignedLoaderAndStartsOneSignedWithTheEnrolledKey() throws Exception {
    TinyDisk.requireTools();
    Cli.requireTools("sbsign", "openssl");
    Cli.requireFiles(
        "/usr/share/OVMF/OVMF_CODE_4M.snakeoil.fd",
        "/usr/share/OVMF/OVMF_VARS_4M.snakeoil.fd",
        "/usr/share/ovmf/PkKek-1-snakeoil.key",
        "/usr/share/ovmf/PkKek-1-snakeoil.pem");
    Path unsigned = TinyDisk.make(dir, Path.of(TinyDisk.SYSTEMD_BOOT), "unsigned");
    Cli.Run refused =
        Cli.applc(
            "vm",
            "--accel=tcg",
            "--memory=256",
            "--secure-boot",
            "--timeout=90",
            "--expect=Access Denied",
            "--log",
            dir.resolve("refused.log").toString(),
            unsigned.toString());
    assertEquals(0, refused.exit(), refused.all());
    assertTrue(refused.err().contains("db holds Debian's test key only"), refused.err());
    assertTrue(
        !Files.readString(dir.resolve("refused.log"), StandardCharsets.ISO_8859_1).contains(MENU),
        "an unsigned loader must not start");

    // Debian's test key is encrypted with the passphrase "snakeoil"; sbsign cannot take one.
    Path key = dir.resolve("snakeoil.key");
    TinyDisk.run(
        dir,
        "openssl",
        "pkey",
        "-in",
        "/usr/share/ovmf/PkKek-1-snakeoil.key",
        "-passin",
        "pass:snakeoil",
        "-out",
        key.toString());
    Path signedLoader = dir.resolve("BOOTX64.EFI");
    TinyDisk.run(
        dir,
        "sbsign",
        "--key",
        key.toString(),
        "--cert",
        "/usr/share/ovmf/PkKek-1-snakeoil.pem",
        "--output",
        signedLoader.toString(),
        TinyDisk.SYSTEMD_BOOT);
    Path signed = TinyDisk.make(dir, signedLoader, "signed");
    Cli.Run booted =
        Cli.applc(
            "vm",
            "--accel=tcg",
            "--memory=256",
            "--secure-boot",
            "--timeout=90",
            "--expect",
            MENU,
            "--log",
            dir.resolve("signed.log").toString(),
            signed.toString());
    assertEquals(0, booted.exit(), booted.all());
  }

  @Test
  void anArm64ImageGetsAClearError() throws Exception {
    Cli.requireTools("sgdisk");
    Path disk = TinyDisk.arm64(dir);
    Cli.Run run = Cli.applc("vm", "--accel=tcg", disk.toString());
    assertEquals(1, run.exit(), run.all());
    assertTrue(run.err().contains("is an arm64 image; `applc vm` boots x86-64 images"), run.err());
  }

  @Test
  void aMissingImageGetsAClearError() {
    Cli.Run run = Cli.applc("vm", dir.resolve("nothing.raw").toString());
    assertEquals(1, run.exit(), run.all());
    assertTrue(run.err().contains("nothing.raw does not exist"), run.err());
    Cli.Run folder = Cli.applc("vm", dir.toString());
    assertEquals(1, folder.exit(), folder.all());
    assertTrue(folder.err().contains("is a folder without images/disk.raw"), folder.err());
  }

  private static byte[] sha256(Path file) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
  }
}
