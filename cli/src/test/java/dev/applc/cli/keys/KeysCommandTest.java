package dev.applc.cli.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {
  static final String SPEC =
      """
      applc 1

      import std:boards/x86_64-uefi
      import std:layouts/ab-verity-root

      appliance demo {
        version = "0.1.0"
        compatible = "demo-amd64"
        board = x86_64-uefi

        os debian bookworm {
          packages = [linux-image-amd64, systemd-sysv, udev]
        }

        uki {
          sign = db
        }

        disk extends ab-verity-root {
          size = 4G
          slots [a, b] {
            partition root {
              verity = signed(verity)
            }
          }
        }

        update rauc {
          keyring = KEYRING
          signing-key = rauc
        }

        key db { path = "keys/db" }
        key verity { path = "keys/verity" }
        key rauc { path = "keys/rauc" }
        key ca { path = "pki/ca" }
        key spare { path = "keys/spare" }
      }
      """;

  @TempDir Path dir;

  private Path spec(String keyring) throws IOException {
    Path spec = dir.resolve("demo.appliance");
    Files.writeString(spec, SPEC.replace("KEYRING", keyring), StandardCharsets.UTF_8);
    return spec;
  }

  @Test
  void createsEveryKeyTheSpecUsesWithPrivateModes() throws IOException {
    Cli.Run run = Cli.applc("keys", spec("\"keys/rauc-ca.pem\"").toString());
    assertEquals(0, run.exit(), run.all());
    Map<String, String> modes = new LinkedHashMap<>();
    modes.put("keys/rauc-ca.key", "rw-------");
    modes.put("keys/rauc-ca.pem", "rw-r--r--");
    for (String key : List.of("keys/db", "keys/verity", "keys/rauc")) {
      modes.put(key + ".key", "rw-------");
      modes.put(key + ".crt", "rw-r--r--");
    }
    for (Map.Entry<String, String> e : modes.entrySet()) {
      Path file = dir.resolve(e.getKey());
      assertTrue(Files.isRegularFile(file), e.getKey() + " missing:\n" + run.all());
      assertEquals(
          e.getValue(),
          PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
          e.getKey());
      assertTrue(run.out().contains("created: " + e.getKey()), run.out());
    }
    assertFalse(Files.exists(dir.resolve("keys/spare.key")), "unused keys are not created");
    assertFalse(Files.exists(dir.resolve("pki")), "unused keys are not created");
    assertTrue(run.out().contains("unused: key `spare`"), run.out());
    assertTrue(
        run.out().contains("keys/rauc.crt  CN=demo RAUC signing, issued by keys/rauc-ca.pem"),
        run.out());
    assertNoSecretPrinted(run);
  }

  @Test
  void secondRunCreatesNothingAndChangesNoByte() throws IOException {
    Path spec = spec("\"keys/rauc-ca.pem\"");
    assertEquals(0, Cli.applc("keys", spec.toString()).exit());
    Map<Path, byte[]> before = snapshot();
    Cli.Run again = Cli.applc("keys", spec.toString());
    assertEquals(0, again.exit(), again.all());
    assertFalse(again.out().contains("created:"), again.out());
    assertTrue(again.out().contains("exists: keys/db.crt"), again.out());
    assertTrue(again.out().contains("nothing to create"), again.out());
    Map<Path, byte[]> after = snapshot();
    assertEquals(before.keySet(), after.keySet());
    for (Path p : before.keySet()) {
      assertArrayEquals(before.get(p), after.get(p), p.toString());
    }
  }

  @Test
  void keyringByNameIsTheCaThatIssuesTheSigner() throws Exception {
    Cli.Run run = Cli.applc("keys", spec("ca").toString());
    assertEquals(0, run.exit(), run.all());
    assertTrue(run.out().contains("created: pki/ca.crt  CN=demo RAUC CA, self-signed"), run.out());
    assertTrue(run.out().contains("issued by pki/ca.crt"), run.out());
    Cli.requireTools("openssl");
    Cli.Run verify = Cli.exec(dir, "openssl", "verify", "-CAfile", "pki/ca.crt", "keys/rauc.crt");
    assertEquals(0, verify.exit(), verify.out());
  }

  @Test
  void certificatesCarryTheUsagesTheirToolsNeed() throws Exception {
    assertEquals(0, Cli.applc("keys", spec("\"keys/rauc-ca.pem\"").toString()).exit());
    Cli.requireTools("openssl");
    String db = text("keys/db.crt");
    assertTrue(db.contains("Subject: CN = demo Secure Boot db"), db);
    assertTrue(db.contains("Code Signing"), db);
    assertTrue(db.contains("Digital Signature"), db);
    String signer = text("keys/rauc.crt");
    assertTrue(signer.contains("Digital Signature"), signer);
    assertTrue(signer.contains("CA:FALSE"), signer);
    assertFalse(signer.contains("Code Signing"), "RAUC 1.8 rejects codeSigning:\n" + signer);
    assertFalse(signer.contains("Extended Key Usage"), signer);
    String ca = text("keys/rauc-ca.pem");
    assertTrue(ca.contains("CA:TRUE"), ca);
    assertTrue(ca.contains("Certificate Sign"), ca);
    assertTrue(ca.contains("Public-Key: (4096 bit)"), ca);
    assertTrue(db.contains("Public-Key: (2048 bit)"), db);
  }

  @Test
  void raucSignsAndVerifiesABundleWithTheGeneratedPki() throws Exception {
    assertEquals(0, Cli.applc("keys", spec("\"keys/rauc-ca.pem\"").toString()).exit());
    Cli.requireTools("rauc");
    Path content = Files.createDirectories(dir.resolve("bundle"));
    Files.writeString(content.resolve("rootfs.img"), "root file system\n");
    Files.writeString(
        content.resolve("manifest.raucm"),
        "[update]\ncompatible=demo-amd64\nversion=0.1.0\n\n[bundle]\nformat=plain\n\n"
            + "[image.rootfs]\nfilename=rootfs.img\n");
    Files.writeString(
        dir.resolve("system.conf"),
        "[system]\ncompatible=demo-amd64\nbootloader=noop\n\n[keyring]\npath=keys/rauc-ca.pem\n\n"
            + "[slot.rootfs.0]\ndevice=/dev/null\ntype=raw\n");
    Cli.Run bundle =
        Cli.exec(
            dir,
            "rauc",
            "bundle",
            "--cert=keys/rauc.crt",
            "--key=keys/rauc.key",
            "bundle",
            "demo.raucb");
    assertEquals(0, bundle.exit(), bundle.out());
    Cli.Run info =
        Cli.exec(
            dir, "rauc", "info", "--conf=system.conf", "--keyring=keys/rauc-ca.pem", "demo.raucb");
    assertEquals(0, info.exit(), info.out());
    assertTrue(info.out().contains("Verified detached signature by 'CN = demo RAUC signing'"));
    Cli.Run wrong =
        Cli.exec(dir, "rauc", "info", "--conf=system.conf", "--keyring=keys/db.crt", "demo.raucb");
    assertFalse(wrong.exit() == 0, "another keyring must not verify the bundle");
  }

  @Test
  void sbsignAndSbverifyAcceptTheSecureBootPair() throws Exception {
    assertEquals(0, Cli.applc("keys", spec("\"keys/rauc-ca.pem\"").toString()).exit());
    Cli.requireTools("sbsign", "sbverify");
    String efi = "/usr/lib/systemd/boot/efi/systemd-bootx64.efi";
    Cli.requireFiles(efi);
    Cli.Run sign =
        Cli.exec(
            dir,
            "sbsign",
            "--key",
            "keys/db.key",
            "--cert",
            "keys/db.crt",
            "--output",
            "signed.efi",
            efi);
    assertEquals(0, sign.exit(), sign.out());
    assertEquals(0, Cli.exec(dir, "sbverify", "--cert", "keys/db.crt", "signed.efi").exit());
    assertFalse(Cli.exec(dir, "sbverify", "--cert", "keys/verity.crt", "signed.efi").exit() == 0);
  }

  @Test
  void anExistingPrivateKeyGetsACertificateAndIsLeftAlone() throws Exception {
    Path spec = spec("\"keys/rauc-ca.pem\"");
    assertEquals(0, Cli.applc("keys", spec.toString()).exit());
    byte[] key = Files.readAllBytes(dir.resolve("keys/db.key"));
    Files.delete(dir.resolve("keys/db.crt"));
    Cli.Run run = Cli.applc("keys", spec.toString());
    assertEquals(0, run.exit(), run.all());
    assertTrue(run.out().contains("exists: keys/db.key"), run.out());
    assertTrue(run.out().contains("created: keys/db.crt"), run.out());
    assertArrayEquals(key, Files.readAllBytes(dir.resolve("keys/db.key")));
    Cli.requireTools("openssl");
    String fromKey = Cli.exec(dir, "openssl", "pkey", "-in", "keys/db.key", "-pubout").out();
    String fromCert =
        Cli.exec(dir, "openssl", "x509", "-in", "keys/db.crt", "-noout", "-pubkey").out();
    assertEquals(fromKey, fromCert);
  }

  @Test
  void aCertificateWithoutItsKeyIsAnErrorAndNothingIsWritten() throws IOException {
    Path spec = spec("\"keys/rauc-ca.pem\"");
    Files.createDirectories(dir.resolve("keys"));
    Files.writeString(dir.resolve("keys/verity.crt"), "not ours\n");
    Cli.Run run = Cli.applc("keys", spec.toString());
    assertEquals(1, run.exit(), run.all());
    assertTrue(
        run.err().contains("certificate keys/verity.crt exists without its private key"),
        run.err());
    assertTrue(run.err().contains("demo.appliance:"), "rustc-style location:\n" + run.err());
    assertEquals(List.of(dir.resolve("keys/verity.crt")), files());
  }

  @Test
  void aDirectoryInTheWayIsAnError() throws IOException {
    Path spec = spec("\"keys/rauc-ca.pem\"");
    Files.createDirectories(dir.resolve("keys/db.key"));
    Cli.Run run = Cli.applc("keys", spec.toString());
    assertEquals(1, run.exit(), run.all());
    assertTrue(run.err().contains("keys/db.key is a directory"), run.err());
    assertTrue(run.err().contains("no keys created"), run.err());
    assertTrue(files().isEmpty(), files().toString());
  }

  @Test
  void aSpecWithErrorsGetsDiagnostics() throws IOException {
    Path spec = dir.resolve("bad.appliance");
    Files.writeString(
        spec, SPEC.replace("KEYRING", "\"keys/ca.pem\"").replace("sign = db", "sign = nokey"));
    Cli.Run run = Cli.applc("keys", spec.toString());
    assertEquals(1, run.exit(), run.all());
    assertTrue(run.err().contains("error[APL0107]"), run.err());
    assertTrue(run.err().contains("nokey"), run.err());
    assertTrue(files().isEmpty(), files().toString());
  }

  /** The spec with systemd-sysupdate, whose keys are OpenPGP keys. */
  private Path sysupdateSpec() throws IOException {
    Path spec = dir.resolve("demo.appliance");
    Files.writeString(
        spec,
        SPEC.replace("debian bookworm", "debian trixie")
            .replace(
                "update rauc {\n    keyring = KEYRING\n    signing-key = rauc\n  }",
                "update sysupdate {\n    keyring = ca\n    signing-key = rauc\n  }"),
        StandardCharsets.UTF_8);
    return spec;
  }

  @Test
  void sysupdateKeysAreOpenPgpKeysThatGpgAccepts() throws Exception {
    Cli.Run run = Cli.applc("keys", sysupdateSpec().toString());
    assertEquals(0, run.exit(), run.all());
    assertTrue(
        run.out().contains("created: keys/rauc.key  OpenPGP secret key, mode 0600"), run.out());
    assertTrue(
        run.out().contains("created: keys/rauc.crt  OpenPGP public key \"demo update signing\""),
        run.out());
    assertTrue(
        run.out().contains("created: pki/ca.crt  OpenPGP public key \"demo update keyring\""),
        run.out());
    assertTrue(
        Files.readString(dir.resolve("keys/rauc.crt")).startsWith("-----BEGIN PGP PUBLIC KEY"));
    assertTrue(Files.readString(dir.resolve("keys/db.crt")).startsWith("-----BEGIN CERTIFICATE"));
    assertNoSecretPrinted(run);
    Cli.requireTools("gpg");
    Path home = Files.createDirectory(dir.resolve("gnupg"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    Cli.Run imported =
        Cli.exec(dir, "gpg", "--homedir", home.toString(), "--batch", "--import", "keys/rauc.key");
    assertEquals(0, imported.exit(), imported.out());
  }

  @Test
  void anX509PairForASysupdateSignerIsALocatedErrorAndNothingIsWritten() throws IOException {
    // What applc keys made for a sysupdate signing key before it made OpenPGP keys.
    assertEquals(0, Cli.applc("keys", spec("\"keys/rauc-ca.pem\"").toString()).exit());
    Cli.Run run = Cli.applc("keys", sysupdateSpec().toString());
    assertEquals(1, run.exit(), run.all());
    assertTrue(run.err().contains("error[APL0111]"), run.err());
    assertTrue(
        run.err().contains("cannot use the private key keys/rauc.key for update signing"),
        run.err());
    assertTrue(run.err().contains("but an X.509/PEM file"), run.err());
    assertTrue(run.err().contains("demo.appliance:"), "rustc-style location:\n" + run.err());
    assertFalse(Files.exists(dir.resolve("pki/ca.crt")), "nothing written");
  }

  private String text(String cert) throws Exception {
    Cli.Run run = Cli.exec(dir, "openssl", "x509", "-in", cert, "-noout", "-text");
    assertEquals(0, run.exit(), run.out());
    return run.out();
  }

  private void assertNoSecretPrinted(Cli.Run run) throws IOException {
    assertFalse(run.all().contains("PRIVATE KEY"), run.all());
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(p -> p.toString().endsWith(".key")).toList()) {
        for (String line : Files.readAllLines(p)) {
          // An armored OpenPGP key has a blank line after its header, which any output holds.
          if (!line.startsWith("-----") && !line.isBlank()) {
            assertFalse(run.all().contains(line), "private key material printed");
          }
        }
      }
    }
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !p.toString().endsWith(".appliance"))
          .sorted()
          .toList();
    }
  }

  private Map<Path, byte[]> snapshot() throws IOException {
    Map<Path, byte[]> bytes = new LinkedHashMap<>();
    for (Path p : files()) {
      bytes.put(p, Files.readAllBytes(p));
    }
    return bytes;
  }
}
