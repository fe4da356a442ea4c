package dev.applc.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.applc.backends.Backends;
import dev.applc.backends.phases.BuiltDisk;
import dev.applc.backends.phases.BuiltUkis;
import dev.applc.backends.sysupdate.Artifacts;
import dev.applc.compiler.backend.OutputFile;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Compiler;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceProvider;
import dev.applc.keys.OpenPgpKeys;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd-sysupdate artifacts of a small synthetic build of specs/minimal-sysupdate: a sparse
 * disk.raw whose GPT sfdisk writes, small stand-ins for the partition images and the UKI compressed
 * as the build compresses them, SHA256SUMS, and SHA256SUMS.gpg signed by the host's gpg with an
 * OpenPGP key from the keys module. Missing tools skip.
 */
class SysupdateCheckTest {
  /** specs/minimal-sysupdate without its unit: trixie, A/B verity roots, a UKI, signed updates. */
  private static final String SPEC =
      """
      applc 1

      import std:boards/x86_64-uefi
      import std:layouts/ab-verity-root

      appliance minimal-sysupdate {
        version = "0.1.0"
        board = x86_64-uefi

        os debian trixie {
          packages = [linux-image-amd64, systemd-sysv, udev]
        }

        uki {
          bootloader = systemd-boot
        }

        disk extends ab-verity-root {
          size = 4G
        }

        update sysupdate {
          source = "https://updates.example.com/minimal-sysupdate/"
          signing-key = release
        }

        key release {
          path = "keys/release"
        }

        build {
          formats = [disk, sysupdate]
        }
      }
      """;

  private static final String ROOT_HASH =
      "d1e3dddab88ce18f99d964bef3c430ec799d495771216a3dd3bcdfc241a30ca1";

  /** The spec's signing key and another one, made once: RSA 3072 keys take a while. */
  @TempDir static Path keys;

  @TempDir Path out;

  private Appliance appliance;
  private OutputTree tree;
  private Tools tools = Tools.onPath();

  @BeforeAll
  static void keys() throws Exception {
    Files.createDirectories(keys.resolve("keys"));
    Instant created = Instant.now().minusSeconds(3600);
    for (String name : List.of("release", "other")) {
      PGPSecretKeyRing ring = OpenPgpKeys.generate("minimal-sysupdate " + name, created);
      OpenPgpKeys.writeSecretKey(keys.resolve("keys/" + name + ".key"), ring);
      OpenPgpKeys.writePublicKey(
          keys.resolve("keys/" + name + ".crt"), OpenPgpKeys.publicRing(ring));
    }
  }

  @BeforeEach
  void compile() throws IOException {
    Compiler compiler = new Compiler(SourceProvider.fileSystem(out));
    Result<Compilation> r = compiler.compile(new SourceFile("minimal-sysupdate.appliance", SPEC));
    assertFalse(r.hasErrors(), () -> r.diagnostics().toString());
    appliance = r.value().orElseThrow().appliances().get(0);
    tree = Backends.generate(appliance, "minimal-sysupdate.appliance", new Diagnostics());
    for (OutputFile f : tree.files()) {
      Path p = out.resolve("config").resolve(f.path());
      Files.createDirectories(p.getParent());
      Files.write(p, f.content());
    }
    Files.createDirectories(out.resolve("images/sysupdate"));
    Files.writeString(out.resolve("images/root.roothash"), ROOT_HASH + "\n");
  }

  private List<Diagnostic> check() {
    Findings findings = new Findings();
    SourceFile spec = appliance.origin().span().file();
    BuildOutput b =
        new BuildOutput(
            appliance,
            tree,
            new Origins(tree, spec, appliance.origin().header()),
            out,
            keys,
            tools,
            findings);
    try {
      SysupdateCheck.run(b, Files.createTempDirectory(out, "scratch"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return findings.all();
  }

  private static byte[] run(Path input, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command);
    if (input != null) {
      pb.redirectInput(input.toFile());
    }
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] said = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), () -> String.join(" ", command) + ": " + err);
    return said;
  }

  /** A sparse disk.raw whose GPT has the spec's partitions and the UUIDs the build gives them. */
  private List<String> disk() throws IOException, InterruptedException {
    assumeTrue(tools.find("sfdisk").isPresent(), "sfdisk (fdisk) is not installed");
    Path raw = out.resolve("images/disk.raw");
    List<BuiltDisk.Part> parts = BuiltDisk.of(appliance);
    BuiltDisk.Part last = parts.get(parts.size() - 1);
    try (RandomAccessFile f = new RandomAccessFile(raw.toFile(), "rw")) {
      f.setLength(last.offset() + last.size() + (1 << 20));
    }
    List<String> uuids = new ArrayList<>();
    StringBuilder script = new StringBuilder("label: gpt\n");
    for (BuiltDisk.Part p : parts) {
      String uuid =
          p.fromRootHash()
              .map(
                  r ->
                      switch (r.half()) {
                        case DATA -> BuildOutput.uuid(ROOT_HASH.substring(0, 32));
                        case HASH -> BuildOutput.uuid(ROOT_HASH.substring(32));
                        case SIGNATURE -> BuildOutput.uuid(BuildOutput.sha256(ROOT_HASH));
                      })
              .or(p::uuid)
              // Slot B's partitions have no fixed UUID: sfdisk would make a random one.
              .orElse(java.util.UUID.nameUUIDFromBytes(p.label().getBytes()).toString());
      uuids.add(uuid);
      script.append(
          String.format(
              Locale.ROOT,
              "start=%d, size=%d, type=%s, name=\"%s\", uuid=%s%n",
              p.offset() / 512,
              p.size() / 512,
              p.typeGuid(),
              p.label(),
              uuid));
    }
    Path input = out.resolve("gpt.sfdisk");
    Files.writeString(input, script);
    run(input, "sfdisk", "--no-reread", "--no-tell-kernel", raw.toString());
    return uuids;
  }

  private Path sysupdate(String file) {
    return out.resolve("images/sysupdate").resolve(file);
  }

  /** Compressed as the build compresses the artifacts of a trixie appliance: with gzip. */
  private void compressed(byte[] content, Path target) throws Exception {
    assertEquals(".gz", Artifacts.compressionSuffix(Artifacts.compression(appliance)));
    Path plain = out.resolve("plain");
    Files.write(plain, content);
    Files.write(target, run(plain, "gzip", "-n", "-c"));
  }

  private String uki() {
    return BuiltUkis.of(appliance, tree).get(0).file();
  }

  /** The artifacts of a build, SHA256SUMS and its signature by the key SIGNER. */
  private void artifacts(String signer) throws Exception {
    assumeTrue(tools.find("gpg").isPresent(), "gpg is not installed");
    assumeTrue(tools.find("gpgv").isPresent(), "gpgv is not installed");
    List<String> uuids = disk();
    Artifacts names = Artifacts.of(appliance);
    for (BuiltDisk.Published p : BuiltDisk.published(appliance)) {
      compressed(
          ("image of " + p.partition().name()).getBytes(StandardCharsets.UTF_8),
          sysupdate(names.partitionFile(p.partition(), "0.1.0", uuids.get(p.number() - 1))));
    }
    byte[] efi = "MZ a small stand-in for a UKI".getBytes(StandardCharsets.UTF_8);
    Files.write(out.resolve("images").resolve(uki()), efi);
    compressed(efi, sysupdate(names.ukiFile("0.1.0")));
    writeSums();
    sign(signer);
  }

  private void writeSums() throws IOException {
    StringBuilder sums = new StringBuilder();
    try (var files = Files.list(out.resolve("images/sysupdate"))) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (!name.startsWith("SHA256SUMS")) {
          sums.append(BuildOutput.sha256(f)).append("  ").append(name).append('\n');
        }
      }
    }
    Files.writeString(sysupdate("SHA256SUMS"), sums);
  }

  /** SHA256SUMS.gpg as the bundle phase makes it: gpg in a home of its own. */
  private void sign(String key) throws Exception {
    Path home = Files.createTempDirectory(out, "gnupg");
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    try {
      run(
          keys.resolve("keys/" + key + ".key"),
          "gpg",
          "--homedir",
          home.toString(),
          "--batch",
          "--quiet",
          "--import");
      Files.deleteIfExists(sysupdate("SHA256SUMS.gpg"));
      run(
          null,
          "gpg",
          "--homedir",
          home.toString(),
          "--batch",
          "--quiet",
          "--detach-sign",
          "--output",
          sysupdate("SHA256SUMS.gpg").toString(),
          sysupdate("SHA256SUMS").toString());
    } finally {
      new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "all")
          .start()
          .waitFor();
    }
  }

  private static Diagnostic only(List<Diagnostic> found) {
    assertEquals(1, found.size(), found::toString);
    assertEquals(Code.VERIFY_SYSUPDATE_MISMATCH, found.get(0).code(), found::toString);
    return found.get(0);
  }

  @Test
  void theArtifactsOfABuildAgree() throws Exception {
    artifacts("release");
    assertEquals(List.of(), check());
  }

  @Test
  void anArtifactWithAnotherPartitionUuidIsReportedAtTheDisk() throws Exception {
    artifacts("release");
    Path root;
    try (var files = Files.list(out.resolve("images/sysupdate"))) {
      root =
          files
              .filter(f -> f.getFileName().toString().contains(".root."))
              .findFirst()
              .orElseThrow();
    }
    String right = root.getFileName().toString();
    String uuid = BuildOutput.uuid(ROOT_HASH.substring(0, 32));
    assertTrue(right.contains(uuid), right);
    String wrong = right.replace(uuid, "00000000-0000-0000-0000-000000000000");
    Files.move(root, sysupdate(wrong));
    Diagnostic d = only(check());
    assertEquals(
        "the artifact of partition `root` has the UUID `00000000-0000-0000-0000-000000000000` in"
            + " its name; partition 2 of `disk.raw` has `"
            + uuid
            + "`",
        d.message());
    // The partition comes from the standard library's layout: the user's `disk` block.
    assertTrue(d.span().text().startsWith("disk extends ab-verity-root"), d.span().text());
  }

  @Test
  void aWrongHashInSha256sumsIsReportedAtTheUpdateBlock() throws Exception {
    artifacts("release");
    String ukiFile = Artifacts.of(appliance).ukiFile("0.1.0");
    String sums = Files.readString(sysupdate("SHA256SUMS"));
    String real = BuildOutput.sha256(sysupdate(ukiFile));
    Files.writeString(sysupdate("SHA256SUMS"), sums.replace(real, "0".repeat(64)));
    sign("release");
    Diagnostic d = only(check());
    assertEquals(
        "`SHA256SUMS` gives `"
            + ukiFile
            + "` the SHA-256 `0000000000000000...`; the file's is `"
            + real.substring(0, 16)
            + "...`",
        d.message());
    assertTrue(d.span().text().startsWith("update sysupdate"), d.span().text());
  }

  @Test
  void aFileSha256sumsDoesNotListIsReported() throws Exception {
    artifacts("release");
    Files.writeString(sysupdate("notes.txt"), "not an artifact\n");
    List<Diagnostic> found = check();
    assertEquals(1, found.size(), found::toString);
    assertEquals(
        "`images/sysupdate/notes.txt` is not an artifact of this spec", found.get(0).message());
    assertEquals("[disk, sysupdate]", found.get(0).span().text());
  }

  @Test
  void aSignatureByAnotherKeyIsReportedAtTheSigningKey() throws Exception {
    artifacts("other");
    Diagnostic d = only(check());
    assertEquals(
        "`SHA256SUMS.gpg` is not a valid signature of `SHA256SUMS` by the key `release`",
        d.message());
    assertTrue(d.help().get().startsWith("a device whose keyring"), d::toString);
    assertEquals("release", d.span().text());
  }

  @Test
  void anotherUkiArtifactIsReportedAtTheUkiBlock() throws Exception {
    artifacts("release");
    // The published UKI is another one, with SHA256SUMS and its signature made for it.
    compressed(
        "MZ another kernel image".getBytes(StandardCharsets.UTF_8),
        sysupdate(Artifacts.of(appliance).ukiFile("0.1.0")));
    writeSums();
    sign("release");
    Diagnostic d = only(check());
    assertEquals(
        "`images/sysupdate/"
            + Artifacts.of(appliance).ukiFile("0.1.0")
            + "` is not `images/"
            + uki()
            + "` once decompressed",
        d.message());
    assertTrue(d.span().text().startsWith("uki {"), d.span().text());
  }

  @Test
  void withoutGpgvTheSignatureIsNotCheckedAndThePackageIsNamed() throws Exception {
    artifacts("other");
    // Every tool but gpgv, from a folder of links to the real ones.
    Path bin = Files.createDirectories(out.resolve("bin"));
    for (String tool : List.of("sfdisk", "gpg", "gzip")) {
      Files.createSymbolicLink(bin.resolve(tool), tools.find(tool).orElseThrow());
    }
    tools = Tools.in(List.of(bin));
    List<Diagnostic> found = check();
    assertEquals(1, found.size(), found::toString);
    assertEquals(Code.VERIFY_TOOL_MISSING, found.get(0).code());
    assertEquals(
        "install the package `gpgv`, then run applc verify again", found.get(0).help().get());
  }

  @Test
  void aBuildWithoutArtifactsIsIncomplete() throws Exception {
    Files.delete(out.resolve("images/sysupdate"));
    List<Diagnostic> found = check();
    assertEquals(1, found.size(), found::toString);
    assertEquals(Code.VERIFY_OUTPUT_INCOMPLETE, found.get(0).code());
    assertEquals("[disk, sysupdate]", found.get(0).span().text());
  }
}
