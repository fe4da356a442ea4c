package dev.applc.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.applc.backends.Backends;
import dev.applc.backends.phases.BuiltDisk;
import dev.applc.backends.phases.BuiltUkis;
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
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks of {@code applc verify} on small artifacts made here with the real tools: a sparse
 * disk whose GPT sfdisk writes as the disk phase lays it out, and a PE file with the sections of a
 * UKI added to systemd's EFI stub by objcopy. Nothing is built; tools that are missing skip.
 */
class VerifierTest {
  /** specs/minimal-signed: a RAUC appliance with A/B verity roots and a UKI per slot. */
  private static final String SPEC =
      """
      applc 1

      import std:boards/x86_64-uefi
      import std:layouts/ab-verity-root

      appliance minimal-signed {
        version = "0.1.0"
        compatible = "applc-minimal-signed"
        board = x86_64-uefi

        os debian bookworm {
          packages = [linux-image-amd64, systemd-sysv, udev, rauc, rauc-service]
        }

        uki {
          sign = secureboot
        }

        disk extends ab-verity-root {
          size = 4G
        }

        update rauc {
          bundle = verity
          keyring = release-ca
          signing-key = release
        }

        key secureboot {
          path = "keys/secureboot"
        }

        key release-ca {
          certificate = "keys/release-ca.pem"
        }

        key release {
          path = "keys/release"
        }

        build {
          formats = [disk, raucb]
        }
      }
      """;

  private static final String ROOT_HASH =
      "d1e3dddab88ce18f99d964bef3c430ec799d495771216a3dd3bcdfc241a30ca1";

  private static final Path STUB = Path.of("/usr/lib/systemd/boot/efi/linuxx64.efi.stub");

  @TempDir Path out;

  private Appliance appliance;
  private OutputTree tree;
  private Tools tools = Tools.onPath();

  @BeforeEach
  void compile() throws IOException {
    Compiler compiler = new Compiler(SourceProvider.fileSystem(out));
    Result<Compilation> r = compiler.compile(new SourceFile("minimal-signed.appliance", SPEC));
    assertFalse(r.hasErrors(), () -> r.diagnostics().toString());
    appliance = r.value().orElseThrow().appliances().get(0);
    tree = Backends.generate(appliance, "minimal-signed.appliance", new Diagnostics());
    for (OutputFile f : tree.files()) {
      Path p = out.resolve("config").resolve(f.path());
      Files.createDirectories(p.getParent());
      Files.write(p, f.content());
    }
    Files.createDirectories(out.resolve("images"));
    Files.writeString(out.resolve("images/root.roothash"), ROOT_HASH + "\n");
  }

  private List<Diagnostic> check(java.util.function.Consumer<BuildOutput> check) {
    Findings findings = new Findings();
    SourceFile spec = appliance.origin().span().file();
    BuildOutput b =
        new BuildOutput(
            appliance,
            tree,
            new Origins(tree, spec, appliance.origin().header()),
            out,
            out,
            tools,
            findings);
    check.accept(b);
    return findings.all();
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), () -> String.join(" ", command) + ": " + said);
  }

  /** A sparse disk.raw with the GPT the disk phase writes for the spec and ROOT_HASH. */
  private Path disk() throws IOException, InterruptedException {
    assumeTrue(tools.find("sfdisk").isPresent(), "sfdisk (fdisk) is not installed");
    Path raw = out.resolve("images/disk.raw");
    List<BuiltDisk.Part> parts = BuiltDisk.of(appliance);
    BuiltDisk.Part last = parts.get(parts.size() - 1);
    try (RandomAccessFile f = new RandomAccessFile(raw.toFile(), "rw")) {
      f.setLength(last.offset() + last.size() + (1 << 20));
    }
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
              .map(u -> ", uuid=" + u)
              .orElse("");
      script.append(
          String.format(
              Locale.ROOT,
              "start=%d, size=%d, type=%s, name=\"%s\"%s%n",
              p.offset() / 512,
              p.size() / 512,
              p.typeGuid(),
              p.label(),
              uuid));
    }
    Path input = out.resolve("gpt.sfdisk");
    Files.writeString(input, script);
    Process p =
        new ProcessBuilder("sfdisk", "--no-reread", "--no-tell-kernel", raw.toString())
            .redirectInput(input.toFile())
            .redirectErrorStream(true)
            .start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), said);
    return raw;
  }

  @Test
  void aDiskLaidOutAsTheSpecSaysAgrees() throws Exception {
    disk();
    assertEquals(List.of(), check(GptCheck::run));
  }

  @Test
  void aChangedPartitionLabelIsReportedAtTheDisk() throws Exception {
    Path raw = disk();
    run("sfdisk", "--no-reread", "--no-tell-kernel", "--part-label", raw.toString(), "2", "root-x");
    List<Diagnostic> found = check(GptCheck::run);
    assertEquals(1, found.size(), found::toString);
    Diagnostic d = found.get(0);
    assertEquals(Code.VERIFY_GPT_MISMATCH, d.code());
    assertEquals(
        "partition 2 of `disk.raw` has label `root-x`; the spec gives `root-a`", d.message());
    // The partition comes from the standard library's layout: the user's `disk` block.
    assertEquals("minimal-signed.appliance", d.span().file().name());
    assertTrue(d.span().text().startsWith("disk extends ab-verity-root"), d.span().text());
  }

  @Test
  void anotherRootHashGivesOtherVerityPartitionUuids() throws Exception {
    disk();
    Files.writeString(out.resolve("images/root.roothash"), "ab".repeat(32) + "\n");
    List<Diagnostic> found = check(GptCheck::run);
    assertEquals(2, found.size(), found::toString);
    assertTrue(found.get(0).message().contains("UUID (from `root.roothash`)"), found::toString);
    assertTrue(found.get(1).message().contains("`root-a-verity`"), found::toString);
  }

  @Test
  void aMissingToolNamesItsPackage() throws Exception {
    disk();
    tools = Tools.in(List.of(out.resolve("no-tools")));
    List<Diagnostic> found = check(GptCheck::run);
    assertEquals(1, found.size(), found::toString);
    assertEquals(Code.VERIFY_TOOL_MISSING, found.get(0).code());
    assertEquals(
        "install the package `fdisk`, then run applc verify again", found.get(0).help().get());
  }

  /** UKIs made from systemd's EFI stub with the sections the UKI phase adds. */
  private void ukis(String version) throws Exception {
    assumeTrue(Files.isRegularFile(STUB), "systemd's EFI stub (systemd-boot-efi) is not here");
    assumeTrue(tools.find("objcopy").isPresent(), "objcopy (binutils) is not installed");
    Path osrel = out.resolve("osrel");
    Files.writeString(
        osrel, "ID=debian\nIMAGE_ID=\"minimal-signed\"\nIMAGE_VERSION=\"" + version + "\"\n");
    for (BuiltUkis.Uki uki : BuiltUkis.of(appliance, tree)) {
      String line = tree.get(uki.cmdline()).orElseThrow().text().lines().findFirst().orElseThrow();
      Path cmdline = out.resolve("cmdline-" + uki.slot());
      Files.writeString(cmdline, line.replace("@ROOTHASH@", ROOT_HASH));
      run(
          "objcopy",
          "--add-section",
          ".osrel=" + osrel,
          "--change-section-vma",
          ".osrel=0x20000000",
          "--add-section",
          ".cmdline=" + cmdline,
          "--change-section-vma",
          ".cmdline=0x20010000",
          STUB.toString(),
          out.resolve("images").resolve(uki.file()).toString());
    }
  }

  private List<Diagnostic> checkUkis() {
    return check(
        b -> {
          try {
            UkiCheck.run(b, Files.createTempDirectory(out, "scratch"));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  @Test
  void ukisWithTheSpecsCommandLinesAndVersionAgree() throws Exception {
    ukis("0.1.0");
    assertEquals(List.of(), checkUkis());
  }

  @Test
  void aChangedCommandLineIsReportedAtTheUkiBlock() throws Exception {
    ukis("0.1.0");
    BuiltUkis.Uki a = BuiltUkis.of(appliance, tree).get(0);
    Path uki = out.resolve("images").resolve(a.file());
    String line = Files.readString(out.resolve("cmdline-a")).replace("rauc.slot=A", "rauc.slot=B");
    Path changed = out.resolve("changed");
    Files.writeString(changed, line);
    Path copy = out.resolve("copy.efi");
    run("objcopy", "--update-section", ".cmdline=" + changed, uki.toString(), copy.toString());
    Files.move(copy, uki, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    List<Diagnostic> found = checkUkis();
    assertEquals(1, found.size(), found::toString);
    assertEquals(Code.VERIFY_UKI_MISMATCH, found.get(0).code());
    assertTrue(
        found.get(0).message().contains("`.cmdline` of `" + a.file() + "`"), found::toString);
    assertTrue(found.get(0).help().get().contains("`rauc.slot=B"), found::toString);
    assertTrue(found.get(0).span().text().startsWith("uki {"), found.get(0).span().text());
  }

  @Test
  void anotherVersionInOsrelIsReportedAtTheVersion() throws Exception {
    ukis("0.2.0");
    List<Diagnostic> found = checkUkis();
    assertEquals(2, found.size(), found::toString);
    assertTrue(found.get(0).message().contains("has IMAGE_VERSION `0.2.0`"), found::toString);
    assertEquals("\"0.1.0\"", found.get(0).span().text());
  }

  @Test
  void anEditedConfigIsStale() throws Exception {
    Path manifest = out.resolve("config/bundle/manifest.raucm");
    Files.writeString(manifest, Files.readString(manifest).replace("version=0.1.0", "version=9"));
    List<Diagnostic> found = check(ConfigCheck::run);
    assertEquals(1, found.size(), found::toString);
    assertEquals(Code.VERIFY_CONFIG_STALE, found.get(0).code());
    assertTrue(found.get(0).span().text().startsWith("update rauc {"), found.get(0).span().text());
  }

  @Test
  void notABuildOutputIsOneError() {
    List<Diagnostic> found = Verifier.verify(appliance, tree, out.resolve("nothing"), out, tools);
    assertEquals(1, found.size(), found::toString);
    assertEquals(Code.VERIFY_OUTPUT_INCOMPLETE, found.get(0).code());
  }

  @Test
  void aManifestIsReadAsRaucReadsIt() {
    RaucManifest m =
        RaucManifest.parse(
            "# c\n[update]\ncompatible=x\nversion=1\n\n[image.root]\nfilename=r.img\nhooks=a;b\n");
    assertEquals("x", m.get("update", "compatible"));
    assertEquals(List.of("root"), m.slotClasses());
    assertEquals(List.of("a", "b"), RaucManifest.list(m.get("image.root", "hooks")));
  }
}
