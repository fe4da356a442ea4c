package dev.applc.compiler.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Severity;
import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.driver.Compiler;
import dev.applc.compiler.source.SourceProvider;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports and inputs stay inside the project: what a spec may read, and what it may copy into the
 * image. Special files (FIFOs, device links, setuid bits) cannot live in git, so each test makes
 * its project in a temporary folder: {@code project/} is the project, {@code outside/} beside it.
 */
class ProjectConfinementTest {
  @TempDir Path dir;

  /** The compiler module has no standard library: the board is declared in the spec. */
  private static final String BOARD = "";

  private static String spec(String imports, String os, String rest) {
    return "applc 1\n"
        + BOARD
        + imports
        + "board pc { arch = x86-64; firmware = uefi }\n"
        + "appliance demo {\n  version = \"1.0.0\"\n  board = pc\n"
        + "  os debian bookworm {\n    packages = [linux-image-amd64, systemd]\n"
        + os
        + "  }\n  disk {\n    partition esp { type = esp; size = 512M }\n"
        + "    partition root { type = root; size = 2G }\n  }\n"
        + rest
        + "}\n";
  }

  private Path project() throws IOException {
    return Files.createDirectories(dir.resolve("project"));
  }

  /** Compiles {@code project/main.appliance} as the CLI does: names relative to {@code dir}. */
  private List<Diagnostic> compile(String text) throws IOException {
    Files.writeString(project().resolve("main.appliance"), text, StandardCharsets.UTF_8);
    return assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () ->
            new Compiler(SourceProvider.project(dir, project()))
                .compile("project/main.appliance")
                .diagnostics());
  }

  private static List<String> codes(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(d -> d.code().id()).toList();
  }

  private static String rendered(List<Diagnostic> diagnostics) {
    return new TextRenderer(false).render(diagnostics);
  }

  private static void mkfifo(Path p) throws Exception {
    Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    assertEquals(0, mk.waitFor(), "mkfifo");
  }

  private static void chmod(String mode, Path p) throws Exception {
    Process ch = new ProcessBuilder("chmod", mode, p.toString()).inheritIO().start();
    assertEquals(0, ch.waitFor(), "chmod");
  }

  // Item 7: imports.

  @Test
  void anAbsoluteImportIsRefusedWithoutReadingTheFile() throws IOException {
    List<Diagnostic> d = compile(spec("import \"/proc/self/environ\"\n", "", ""));
    assertEquals(List.of("APL0007"), codes(d));
    assertEquals(2, d.get(0).span().file().line(d.get(0).span().start()));
    assertFalse(rendered(d).contains("PATH="), rendered(d));
  }

  @Test
  void anImportAboveTheProjectIsRefused() throws IOException {
    Files.createDirectories(dir.resolve("outside"));
    Files.writeString(dir.resolve("outside/board.appliance"), "applc 1\n");
    assertEquals(
        List.of("APL0007"),
        codes(compile(spec("import \"../outside/board.appliance\"\n", "", ""))));
  }

  @Test
  void anImportThatLinksOutsideIsRefused() throws IOException {
    Files.createDirectories(dir.resolve("outside"));
    Files.writeString(dir.resolve("outside/board.appliance"), "applc 1\n");
    Files.createSymbolicLink(
        project().resolve("board.appliance"), dir.resolve("outside/board.appliance"));
    assertEquals(List.of("APL0007"), codes(compile(spec("import \"board.appliance\"\n", "", ""))));
  }

  @Test
  void aLinkToADeviceIsNeverRead() throws IOException {
    Files.createSymbolicLink(project().resolve("zero.appliance"), Path.of("/dev/zero"));
    assertEquals(List.of("APL0007"), codes(compile(spec("import \"zero.appliance\"\n", "", ""))));
  }

  @Test
  void aFifoIsNotReadAndDoesNotBlock() throws Exception {
    mkfifo(project().resolve("pipe.appliance"));
    assertEquals(List.of("APL0008"), codes(compile(spec("import \"pipe.appliance\"\n", "", ""))));
  }

  @Test
  void aHugeFileIsNotReadIntoMemory() throws IOException {
    try (RandomAccessFile f =
        new RandomAccessFile(project().resolve("huge.appliance").toFile(), "rw")) {
      f.setLength(1L << 30); // Sparse: a gigabyte that takes no room.
    }
    List<Diagnostic> d = compile(spec("import \"huge.appliance\"\n", "", ""));
    assertEquals(List.of("APL0011"), codes(d));
    assertTrue(d.get(0).message().contains("4 MiB"), d.get(0).message());
  }

  @Test
  void aFileThatIsNotASpecIsReportedOnceAndNotQuoted() throws IOException {
    Files.writeString(
        project().resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\nuser:x:1000:1000::/:\n");
    List<Diagnostic> d = compile(spec("import \"passwd\"\n", "", ""));
    assertEquals(List.of("APL0008"), codes(d));
    assertFalse(rendered(d).contains("root:x"), rendered(d));
  }

  @Test
  void aControlCharacterInAnImportIsALocatedDiagnostic() throws IOException {
    List<Diagnostic> d = compile(spec("import \"a\u0000b.appliance\"\n", "", ""));
    assertEquals(List.of("APL0110"), codes(d));
    assertEquals(2, d.get(0).span().file().line(d.get(0).span().start()));
  }

  @Test
  void anImportInsideTheProjectStillWorks() throws IOException {
    Files.createDirectories(project().resolve("parts"));
    Files.writeString(
        project().resolve("parts/set.appliance"),
        "# shared packages\napplc 1\npackage-set extra { packages = [htop] }\n");
    assertEquals(List.of(), codes(compile(spec("import \"parts/set.appliance\"\n", "", ""))));
  }

  // Item 5: inputs are regular files (folders for overlays) of the project.

  @Test
  void aFileSourceLinkedToDevZeroIsRefused() throws IOException {
    Files.createSymbolicLink(project().resolve("motd"), Path.of("/dev/zero"));
    List<Diagnostic> d = compile(spec("", "    file \"/etc/motd\" { source = \"motd\" }\n", ""));
    assertEquals(List.of("APL0407"), codes(d));
  }

  @Test
  void aFileSourceThatIsAFifoIsRefused() throws Exception {
    mkfifo(project().resolve("motd"));
    List<Diagnostic> d = compile(spec("", "    file \"/etc/motd\" { source = \"motd\" }\n", ""));
    assertEquals(List.of("APL0407"), codes(d));
  }

  @Test
  void aFileSourceAboveTheProjectIsRefused() throws IOException {
    Files.createDirectories(dir.resolve("outside"));
    Files.writeString(dir.resolve("outside/motd"), "hello\n");
    // A path that climbs with `..` is already no valid path of the spec (APL0111).
    List<Diagnostic> d =
        compile(spec("", "    file \"/etc/motd\" { source = \"../outside/motd\" }\n", ""));
    assertEquals(List.of("APL0111"), codes(d));
  }

  // The OCI image the root file system is unpacked from: a folder or an archive of the project.

  private static String oci(String image) {
    return "    source = oci(\"" + image + "\")\n";
  }

  @Test
  void aMissingOciImageIsAWarningAtItsString() throws IOException {
    String text = spec("", oci("oci/base:latest"), "");
    List<Diagnostic> d = compile(text);
    assertEquals(List.of("APL0409"), codes(d));
    assertEquals(Severity.WARNING, d.get(0).severity());
    assertEquals(
        "\"oci/base:latest\"", text.substring(d.get(0).span().start(), d.get(0).span().end()));
    assertTrue(d.get(0).message().contains("`oci/base`"), d.get(0).message());
  }

  @Test
  void anOciLayoutFolderOrArchiveIsAccepted() throws IOException {
    Files.createDirectories(project().resolve("oci/base/blobs"));
    Files.writeString(project().resolve("base.tar"), "not read by the compiler");
    assertEquals(List.of(), codes(compile(spec("", oci("oci/base:latest"), ""))));
    assertEquals(List.of(), codes(compile(spec("", oci("base.tar"), ""))));
  }

  @Test
  void anOciImageOutsideTheProjectIsRefusedAsOtherInputsAre() throws IOException {
    Files.createDirectories(dir.resolve("outside/base"));
    assertEquals(List.of("APL0111"), codes(compile(spec("", oci("../outside/base:latest"), ""))));
    assertEquals(List.of("APL0111"), codes(compile(spec("", oci("/srv/oci/base:latest"), ""))));
    Files.createSymbolicLink(project().resolve("base"), dir.resolve("outside/base"));
    assertEquals(List.of("APL0407"), codes(compile(spec("", oci("base:latest"), ""))));
  }

  @Test
  void anOciImageThatIsAFifoIsRefused() throws Exception {
    mkfifo(project().resolve("base.tar"));
    assertEquals(List.of("APL0407"), codes(compile(spec("", oci("base.tar"), ""))));
  }

  @Test
  void anEmptyOciReferenceIsRefused() throws IOException {
    assertEquals(List.of("APL0111"), codes(compile(spec("", oci("base.tar:"), ""))));
  }

  @Test
  void anOverlayThatLinksOutsideIsRefused() throws IOException {
    Files.createSymbolicLink(project().resolve("overlay"), Path.of("/etc"));
    assertEquals(
        List.of("APL0407"), codes(compile(spec("", "    overlays = [\"overlay/\"]\n", ""))));
  }

  @Test
  void anOverlayWithAFifoInsideIsRefused() throws Exception {
    Files.createDirectories(project().resolve("overlay/run"));
    mkfifo(project().resolve("overlay/run/pipe"));
    List<Diagnostic> d = compile(spec("", "    overlays = [\"overlay/\"]\n", ""));
    assertEquals(List.of("APL0407"), codes(d));
    assertTrue(d.get(0).message().contains("`run/pipe`"), d.get(0).message());
  }

  @Test
  void linksInsideAnOverlayAreCopiedAsLinksAndAllowed() throws IOException {
    Files.createDirectories(project().resolve("overlay/etc"));
    Files.createSymbolicLink(
        project().resolve("overlay/etc/localtime"), Path.of("/usr/share/zoneinfo/UTC"));
    assertEquals(List.of(), codes(compile(spec("", "    overlays = [\"overlay/\"]\n", ""))));
  }

  // Item 6: setuid, setgid and world-writable bits in an overlay.

  @Test
  void setuidAndWorldWritableOverlayFilesAreWarnedAbout() throws Exception {
    Files.createDirectories(project().resolve("overlay/usr/bin"));
    Path tool = Files.writeString(project().resolve("overlay/usr/bin/tool"), "#!/bin/sh\n");
    Path open = Files.writeString(project().resolve("overlay/usr/bin/notes"), "notes\n");
    chmod("4755", tool);
    chmod("0666", open);
    List<Diagnostic> d = compile(spec("", "    overlays = [\"overlay/\"]\n", ""));
    assertEquals(List.of("APL0408"), codes(d));
    assertEquals(Severity.WARNING, d.get(0).severity());
    assertTrue(d.get(0).message().contains("`usr/bin/tool`"), d.get(0).message());
    assertTrue(d.get(0).message().contains("`usr/bin/notes`"), d.get(0).message());
  }

  // Item 8: no private key reaches the image.

  private static final String KEY = "  uki { sign = db }\n  key db { path = \"keys/db\" }\n";

  @Test
  void theWholeProjectAsAnOverlayBringsTheKeyBlocksPrivateKey() throws IOException {
    List<Diagnostic> d = compile(spec("", "    overlays = [\".\"]\n", KEY));
    assertEquals(List.of("APL0508"), codes(d));
    assertTrue(d.get(0).message().contains("key `db`"), d.get(0).message());
  }

  @Test
  void theKeysFolderAsAnOverlayIsAnErrorBeforeTheKeysExist() throws IOException {
    assertEquals(List.of("APL0508"), codes(compile(spec("", "    overlays = [\"keys/\"]\n", KEY))));
  }

  @Test
  void aFileSourceThatIsAKeyBlocksPrivateKeyIsAnError() throws IOException {
    assertEquals(
        List.of("APL0508"),
        codes(compile(spec("", "    file \"/etc/x\" { source = \"keys/db.key\" }\n", KEY))));
  }

  @Test
  void aPemPrivateKeyIsRecognisedByItsText() throws IOException {
    Files.createDirectories(project().resolve("overlay/etc"));
    Files.writeString(
        project().resolve("overlay/etc/release.pem"),
        "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
    Files.writeString(
        project().resolve("signer.pem"),
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    assertEquals(
        List.of("APL0508"), codes(compile(spec("", "    overlays = [\"overlay/\"]\n", ""))));
    assertEquals(
        List.of("APL0508"),
        codes(compile(spec("", "    file \"/etc/x\" { source = \"signer.pem\" }\n", ""))));
  }

  @Test
  void aCertificateIsNotAPrivateKey() throws IOException {
    Files.createDirectories(project().resolve("overlay/etc"));
    Files.writeString(
        project().resolve("overlay/etc/ca.pem"),
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    assertEquals(List.of(), codes(compile(spec("", "    overlays = [\"overlay/\"]\n", ""))));
  }

  // Item 12 (part): names that cannot become file names.

  @Test
  void anApplianceNameLongerThan64CharactersIsRefusedAtCheckTime() throws IOException {
    String text =
        spec("", "", "")
            .replace(
                "appliance demo {", "appliance " + "a".repeat(250) + " {\n  hostname = \"demo\"");
    List<Diagnostic> d = compile(text);
    assertEquals(List.of("APL0110"), codes(d));
    assertTrue(d.get(0).help().isPresent());
  }
}
