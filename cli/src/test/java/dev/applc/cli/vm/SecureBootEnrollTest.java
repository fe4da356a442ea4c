package dev.applc.cli.vm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.cli.keys.Cli;
import dev.applc.vm.TestSigner;
import dev.applc.vm.VmImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code applc vm --secure-boot} with a db that holds the image's own certificate: systemd-boot
 * signed with a fresh key starts when that key's certificate is enrolled, and is refused when
 * another one is. Each boot runs under TCG; the refusal waits for OVMF's "Access Denied".
 */
class SecureBootEnrollTest {
  private static final String MENU = "Boot in ";
  private static final Path SNAKEOIL = Path.of("/usr/share/OVMF/OVMF_VARS_4M.snakeoil.fd");

  @TempDir Path dir;

  private static void requireSecureBoot() {
    TinyDisk.requireTools();
    Cli.requireTools("sbsign");
    Cli.requireFiles(
        "/usr/share/OVMF/OVMF_CODE_4M.snakeoil.fd", "/usr/share/OVMF/OVMF_VARS_4M.snakeoil.fd");
  }

  @Test
  void aLoaderSignedWithTheEnrolledCertificateStartsAndTheTemplateStaysAsItWas() throws Exception {
    requireSecureBoot();
    byte[] template = Files.readAllBytes(SNAKEOIL);
    TestSigner own = TestSigner.make(dir, "own");
    Path disk =
        TinyDisk.make(
            dir,
            TinyDisk.sign(own, dir, Path.of(TinyDisk.SYSTEMD_BOOT), dir.resolve("BOOTX64.EFI")),
            "own");
    Cli.Run run =
        Cli.applc(
            "vm",
            "--accel=tcg",
            "--memory=256",
            "--secure-boot",
            "--enroll=" + own.certificate(),
            "--timeout=90",
            "--expect",
            MENU,
            "--log",
            dir.resolve("own.log").toString(),
            disk.toString());
    assertEquals(0, run.exit(), run.all());
    assertTrue(
        run.err().contains("enrolled in db: \"own\" (" + own.certificate() + ")"), run.err());
    assertArrayEquals(template, Files.readAllBytes(SNAKEOIL));
  }

  @Test
  void aLoaderSignedWithAnotherKeyIsRefused() throws Exception {
    requireSecureBoot();
    TestSigner own = TestSigner.make(dir, "own");
    TestSigner other = TestSigner.make(dir, "other");
    Path disk =
        TinyDisk.make(
            dir,
            TinyDisk.sign(own, dir, Path.of(TinyDisk.SYSTEMD_BOOT), dir.resolve("BOOTX64.EFI")),
            "own");
    Path log = dir.resolve("other.log");
    Cli.Run run =
        Cli.applc(
            "vm",
            "--accel=tcg",
            "--memory=256",
            "--secure-boot",
            "--enroll=" + other.certificate(),
            "--timeout=90",
            "--expect=Access Denied",
            "--log",
            log.toString(),
            disk.toString());
    assertEquals(0, run.exit(), run.all());
    assertFalse(
        Files.readString(log, StandardCharsets.ISO_8859_1).contains(MENU),
        "a loader signed with a key that is not in db must not start");
  }

  @Test
  void anOutputFolderBootsWithTheCertificateItPublishes() throws Exception {
    requireSecureBoot();
    TestSigner own = TestSigner.make(dir, "own");
    Path disk =
        TinyDisk.make(
            dir,
            TinyDisk.sign(own, dir, Path.of(TinyDisk.SYSTEMD_BOOT), dir.resolve("BOOTX64.EFI")),
            "own");
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("images"));
    Files.move(disk, out.resolve(VmImage.DISK_IN_OUTPUT));
    Path published = out.resolve(VmImage.CERTIFICATE_IN_OUTPUT);
    Files.copy(own.certificate(), published);
    Cli.Run run =
        Cli.applc(
            "vm",
            "--accel=tcg",
            "--memory=256",
            "--secure-boot",
            "--timeout=90",
            "--expect",
            MENU,
            "--log",
            dir.resolve("out.log").toString(),
            out.toString());
    assertEquals(0, run.exit(), run.all());
    assertTrue(run.err().contains("enrolled in db: \"own\" (" + published + ")"), run.err());
  }

  @Test
  void enrollNeedsSecureBoot() throws Exception {
    TestSigner own = TestSigner.make(dir, "own");
    Path disk = Files.write(dir.resolve("disk.raw"), new byte[4096]);
    Cli.Run run =
        Cli.applc("vm", "--enroll=" + own.certificate(), "--qemu=/bin/true", disk.toString());
    assertEquals(2, run.exit(), run.all());
    assertTrue(run.err().contains("--enroll needs --secure-boot"), run.err());
  }

  @Test
  void enrollRefusesWhatIsNotACertificateOrAVariableStore() throws Exception {
    Cli.requireFiles(
        "/usr/share/OVMF/OVMF_CODE_4M.snakeoil.fd", "/usr/share/OVMF/OVMF_VARS_4M.snakeoil.fd");
    TestSigner own = TestSigner.make(dir, "own");
    Path disk = Files.write(dir.resolve("disk.raw"), new byte[4096]);

    Cli.Run key =
        Cli.applc(
            "vm", "--secure-boot", "--enroll=" + own.key(), "--qemu=/bin/true", disk.toString());
    assertEquals(1, key.exit(), key.all());
    assertTrue(
        key.err().contains("error: " + own.key() + " holds no X.509 certificate"), key.err());

    Cli.Run missing =
        Cli.applc(
            "vm",
            "--secure-boot",
            "--enroll=" + dir.resolve("none.crt"),
            "--qemu=/bin/true",
            disk.toString());
    assertEquals(1, missing.exit(), missing.all());
    assertTrue(missing.err().contains("none.crt does not exist"), missing.err());

    Cli.Run vars =
        Cli.applc(
            "vm",
            "--secure-boot",
            "--secure-boot-vars=" + own.certificate(),
            "--enroll=" + own.certificate(),
            "--qemu=/bin/true",
            disk.toString());
    assertEquals(1, vars.exit(), vars.all());
    assertTrue(
        vars.err().contains(own.certificate() + " is not an OVMF variable store"), vars.err());
  }
}
