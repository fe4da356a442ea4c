package dev.applc.backends.sysupdate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.backends.RepoSpecs;
import dev.applc.backends.phases.PhasesSpecs;
import dev.applc.compiler.model.Appliance;
import dev.applc.keys.KeyCreator;
import dev.applc.keys.KeyPlanner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain a device checks an update with, run for real: {@code applc keys} makes the OpenPGP
 * keys, the files phase writes {@code /etc/systemd/import-pubring.gpg} into the root file system,
 * the bundle phase signs SHA256SUMS, and gpgv (what systemd-sysupdate's gpg does) accepts the
 * signature with that keyring, and refuses it once SHA256SUMS changes by one byte.
 */
class SysupdateSigningRunTest {
  @TempDir Path dir;

  /** rpi4-sysupdate with a signing key and a second key the device trusts as well. */
  private static Appliance signedSpec() throws Exception {
    String text =
        Files.readString(RepoSpecs.repoRoot().resolve(RepoSpecs.specFile("rpi4-sysupdate")))
            .replaceFirst(
                "    signing-key += release # signs SHA256SUMS; the image trusts only its public"
                    + " half\n",
                "    signing-key = release\n    keyring = spare\n")
            .replace("    path = \"release\"\n", "    path = \"keys/release\"\n")
            .replace("  build {\n", "  key spare {\n    path = \"keys/spare\"\n  }\n\n  build {\n");
    return RepoSpecs.applianceOf(RepoSpecs.compileText(text), false);
  }

  @Test
  void gpgvAcceptsSha256sumsWithTheKeyringTheImageGetsAndRefusesAChangedFile() throws Exception {
    PhasesSpecs.require("gpg");
    PhasesSpecs.require("gpgv");
    PhasesSpecs.require("zstd");
    Appliance a = signedSpec();
    KeyCreator.Report keys = new KeyCreator(a.name(), dir, Instant.now()).run(KeyPlanner.plan(a));
    assertFalse(keys.failed(), keys.diagnostics().toString());
    Path config = PhasesSpecs.write(PhasesSpecs.tree(a, "test.appliance"), dir.resolve("config"));
    Path work = dir.resolve("work");
    Files.createDirectories(work.resolve("rootfs"));
    Path images = Files.createDirectories(work.resolve("images"));
    Files.writeString(
        images.resolve("usr.roothash"),
        "0123456789abcdef0123456789abcdeffedcba9876543210fedcba9876543210\n");
    for (String image : List.of("usr.erofs", "usr.verity", "usr.verity-sig", "system_0.1.0.efi")) {
      Files.writeString(images.resolve(image), "stand-in for " + image + "\n");
    }
    // Older than the keys: gpg must still sign at a date no earlier than the key's.
    Map<String, String> env =
        Map.of(
            "CONFIG", config.toString(),
            "SPEC_DIR", dir.toString(),
            "KEYS", dir.toString(),
            "WORK", work.toString(),
            "SOURCE_DATE_EPOCH", "1700000000");

    String filesLog = phase(config, "20-files", env);
    Path keyring = work.resolve("rootfs/etc/systemd/import-pubring.gpg");
    assertEquals(
        "rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyring)));
    assertEquals(2, publicKeys(keyring), "the signer's and the spare key's public keys");

    String bundleLog = phase(config, "90-bundle", env);
    Path update = images.resolve("sysupdate");
    Path sums = update.resolve("SHA256SUMS");
    Path sig = update.resolve("SHA256SUMS.gpg");
    assertTrue(Files.isRegularFile(sig), "SHA256SUMS.gpg is made:\n" + bundleLog);
    assertFalse(
        new String(Files.readAllBytes(sig), StandardCharsets.ISO_8859_1).startsWith("-----"),
        "a binary signature, not an armored one");
    PhasesSpecs.Outcome good = gpgv(keyring, sig, sums);
    assertEquals(0, good.exit(), good.output());
    assertTrue(good.output().contains("Good signature"), good.output());
    String first = sha256(sig);

    // The same inputs give the same signature.
    phase(config, "90-bundle", env);
    assertEquals(first, sha256(sig), "signing again changed SHA256SUMS.gpg");

    byte[] changed = Files.readAllBytes(sums);
    changed[0] ^= 1;
    Files.write(sums, changed);
    PhasesSpecs.Outcome bad = gpgv(keyring, sig, sums);
    assertNotEquals(0, bad.exit(), "a changed SHA256SUMS must not verify:\n" + bad.output());

    // The secret key reaches neither the work folder nor the log.
    List<String> secret =
        Files.readAllLines(dir.resolve("keys/release.key")).stream()
            .filter(l -> !l.isBlank() && !l.startsWith("-----"))
            .toList();
    try (Stream<Path> walk = Files.walk(work)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String content = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        assertFalse(content.contains("PRIVATE KEY"), p + " holds a private key");
        assertTrue(secret.stream().noneMatch(content::contains), p + " holds secret key lines");
      }
    }
    for (String log : List.of(filesLog, bundleLog)) {
      assertTrue(secret.stream().noneMatch(log::contains), "secret key lines in the log");
    }
  }

  @Test
  void theSigningPhasesPassShellcheck() throws Exception {
    PhasesSpecs.require("shellcheck");
    Path config =
        PhasesSpecs.write(PhasesSpecs.tree(signedSpec(), "test.appliance"), dir.resolve("config"));
    for (String id : List.of("20-files", "90-bundle")) {
      Path script = config.resolve("build/phases/" + id + ".sh");
      assertTrue(Files.readString(script).contains("gpg --homedir"), id);
      PhasesSpecs.ok(
          dir,
          List.of("shellcheck", "-x", "-S", "style", "-f", "gcc", script.toString()),
          Map.of());
    }
  }

  private String phase(Path config, String id, Map<String, String> env) throws Exception {
    return PhasesSpecs.ok(
        dir, List.of("bash", config.resolve("build/phases/" + id + ".sh").toString()), env);
  }

  private PhasesSpecs.Outcome gpgv(Path keyring, Path sig, Path data) throws Exception {
    return PhasesSpecs.run(
        dir,
        List.of("gpgv", "--keyring", keyring.toString(), sig.toString(), data.toString()),
        Map.of());
  }

  private long publicKeys(Path keyring) throws Exception {
    Path home = Files.createTempDirectory(dir, "gnupg");
    String listed =
        PhasesSpecs.ok(
            dir,
            List.of(
                "gpg",
                "--homedir",
                home.toString(),
                "--batch",
                "--no-default-keyring",
                "--keyring",
                keyring.toString(),
                "--with-colons",
                "--list-keys"),
            Map.of());
    return listed.lines().filter(l -> l.startsWith("pub:")).count();
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
