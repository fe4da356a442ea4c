package dev.applc.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceSpan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenPGP keys {@code applc keys} makes for systemd-sysupdate, checked with the host's real
 * gpg: it must import the secret key, sign with it, and gpgv must accept the signature with the
 * dearmored public key as its keyring, as systemd-sysupdate's gpg does on the device.
 */
class OpenPgpKeysTest {
  private static final SourceFile SPEC =
      new SourceFile("demo.appliance", "key release { path = \"keys/release\" }\n");
  private static final SourceSpan SPAN = new SourceSpan(SPEC, 0, 11);

  @TempDir Path dir;

  private static PlannedKey key(String name, KeyUse... uses) {
    return new PlannedKey(
        name,
        "keys/" + name + ".key",
        "keys/" + name + ".crt",
        Set.of(uses),
        Optional.empty(),
        SPAN);
  }

  private KeyCreator.Report create(PlannedKey... keys) throws Exception {
    return new KeyCreator("demo", dir, Instant.now())
        .run(new KeyPlanner.Plan(List.of(keys), List.of()));
  }

  @Test
  void gpgSignsWithTheSecretKeyAndGpgvAcceptsWithTheDearmoredPublicKey() throws Exception {
    KeyCreator.Report report = create(key("release", KeyUse.UPDATE_SIGNER));
    assertFalse(report.failed(), report.diagnostics().toString());
    Path secret = dir.resolve("keys/release.key");
    Path cert = dir.resolve("keys/release.crt");
    assertEquals("rw-------", mode(secret));
    assertEquals("rw-r--r--", mode(cert));
    String armoredSecret = Files.readString(secret, StandardCharsets.US_ASCII);
    assertTrue(armoredSecret.startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----"), armoredSecret);
    assertFalse(armoredSecret.contains("Version:"), "no library version in the file");
    String armoredPublic = Files.readString(cert, StandardCharsets.US_ASCII);
    assertTrue(armoredPublic.startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----"), armoredPublic);
    assertTrue(
        report.lines().stream().anyMatch(l -> l.toString().contains("\"demo update signing\"")),
        report.lines().toString());

    requireGpg();
    Path home = gnupgHome();
    Path keyring = dearmor(home, cert);
    Run imported = gpg(home, "--batch", "--import", secret.toString());
    assertEquals(0, imported.exit(), imported.out());
    Run listed = gpg(home, "--batch", "--with-colons", "--list-secret-keys");
    assertTrue(listed.out().contains("sec:-:3072:1:"), "RSA 3072:\n" + listed.out());
    assertTrue(listed.out().contains(":scSC:"), "a primary key that signs:\n" + listed.out());
    assertTrue(listed.out().contains("demo update signing"), listed.out());

    Path data = dir.resolve("SHA256SUMS");
    Files.writeString(data, "0123  usr.raw\n");
    Path sig = dir.resolve("SHA256SUMS.gpg");
    Run signed = gpg(home, "--batch", "--detach-sign", "--output", sig.toString(), data.toString());
    assertEquals(0, signed.exit(), signed.out());
    Run good = exec(dir, "gpgv", "--keyring", keyring.toString(), sig.toString(), data.toString());
    assertEquals(0, good.exit(), good.out());
    Files.writeString(data, "0124  usr.raw\n");
    Run bad = exec(dir, "gpgv", "--keyring", keyring.toString(), sig.toString(), data.toString());
    assertNotEquals(0, bad.exit(), "a changed file must not verify:\n" + bad.out());
  }

  @Test
  void anX509PairWhereSysupdateNeedsOpenPgpIsALocatedErrorAndNothingIsWritten() throws Exception {
    // What applc keys made for a sysupdate signer before it made OpenPGP keys.
    assertFalse(create(key("release", KeyUse.VERITY)).failed());
    KeyCreator.Report report =
        create(key("release", KeyUse.UPDATE_SIGNER), key("extra", KeyUse.UPDATE_CA));
    assertTrue(report.failed());
    assertEquals(1, report.diagnostics().size(), report.diagnostics().toString());
    Diagnostic d = report.diagnostics().get(0);
    assertEquals("APL0111", d.code().id());
    assertEquals(SPAN, d.span());
    assertTrue(d.message().contains("cannot use the private key keys/release.key"), d.message());
    assertTrue(d.notes().stream().anyMatch(n -> n.contains("X.509/PEM")), d.notes().toString());
    assertTrue(d.help().orElse("").contains("applc keys"), d.toString());
    assertFalse(Files.exists(dir.resolve("keys/extra.key")), "a failed plan writes nothing");
  }

  @Test
  void anExistingSecretKeyGetsItsPublicKeyAndAMismatchIsAnError() throws Exception {
    assertFalse(create(key("release", KeyUse.UPDATE_SIGNER)).failed());
    Path cert = dir.resolve("keys/release.crt");
    String before = Files.readString(cert);
    Files.delete(cert);
    KeyCreator.Report again = create(key("release", KeyUse.UPDATE_SIGNER));
    assertFalse(again.failed(), again.diagnostics().toString());
    assertEquals(before, Files.readString(cert), "the public half of the same secret key");

    assertFalse(create(key("other", KeyUse.UPDATE_SIGNER)).failed());
    Files.delete(cert);
    Files.copy(dir.resolve("keys/other.crt"), cert);
    KeyCreator.Report mismatch = create(key("release", KeyUse.UPDATE_SIGNER));
    assertTrue(mismatch.failed());
    assertTrue(
        mismatch.diagnostics().get(0).message().contains("is not the public key of"),
        mismatch.diagnostics().toString());
  }

  @Test
  void oneKeyCannotBeOpenPgpAndX509() throws Exception {
    KeyCreator.Report report = create(key("mkosi", KeyUse.SECURE_BOOT, KeyUse.UPDATE_SIGNER));
    assertTrue(report.failed());
    assertTrue(
        report.diagnostics().get(0).message().contains("cannot be both an OpenPGP key"),
        report.diagnostics().toString());
    assertFalse(Files.exists(dir.resolve("keys")), "nothing written");
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  /** gpg is part of every host applc builds on; a CI machine without it is a broken setup. */
  static void requireGpg() {
    boolean have =
        Stream.of("gpg", "gpgv")
            .allMatch(
                t ->
                    Stream.of(System.getenv("PATH").split(":"))
                        .anyMatch(d -> Files.isExecutable(Path.of(d, t))));
    if (!have && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("gpg and gpgv are required on CI");
    }
    Assumptions.assumeTrue(have, "gpg and gpgv are not installed");
  }

  private Path gnupgHome() throws IOException {
    Path home = Files.createTempDirectory(dir, "gnupg");
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    return home;
  }

  private Path dearmor(Path home, Path cert) throws Exception {
    Path keyring = dir.resolve("import-pubring.gpg");
    Run run = gpg(home, "--batch", "--dearmor", "--output", keyring.toString(), cert.toString());
    assertEquals(0, run.exit(), run.out());
    return keyring;
  }

  record Run(int exit, String out) {}

  private Run gpg(Path home, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString()));
    command.addAll(List.of(args));
    return exec(dir, command.toArray(String[]::new));
  }

  static Run exec(Path dir, String... command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().putAll(Map.of("LC_ALL", "C"));
    Process p = pb.redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] bytes = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + String.join(" ", command));
    }
    return new Run(p.exitValue(), new String(bytes, StandardCharsets.UTF_8));
  }
}
