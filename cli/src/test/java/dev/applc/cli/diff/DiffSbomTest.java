package dev.applc.cli.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.cli.Main;
import dev.applc.sbom.Artifact;
import dev.applc.sbom.BuiltImage;
import dev.applc.sbom.CycloneDx;
import dev.applc.sbom.Package;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code applc diff OLD/sbom.cdx.json NEW/sbom.cdx.json}: which packages two builds changed. */
class DiffSbomTest {
  @TempDir Path tmp;

  private Path old;
  private Path now;

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void twoBuilds() throws Exception {
    old =
        sbom(
            "old",
            List.of(
                new Package("libc6", "2.36-9+deb12u8", "amd64"),
                new Package("linux-image-6.1.0-27-amd64", "6.1.115-1", "amd64"),
                new Package("systemd", "252.33-1~deb12u1", "amd64"),
                new Package("usrmerge", "37~deb12u1", "all")));
    now =
        sbom(
            "new",
            List.of(
                new Package("curl", "7.88.1-10+deb12u8", "amd64"),
                new Package("libc6", "2.36-9+deb12u9", "amd64"),
                new Package("linux-image-6.1.0-28-amd64", "6.1.119-1", "amd64"),
                new Package("systemd", "252.33-1~deb12u1", "amd64")));
  }

  @Test
  void namesEveryAddedRemovedAndChangedPackage() {
    Run r = applc("diff", old.toString(), now.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(
        String.join(
            "\n",
            "A curl 7.88.1-10+deb12u8 (amd64)",
            "M libc6 2.36-9+deb12u8 -> 2.36-9+deb12u9 (amd64)",
            "D linux-image-6.1.0-27-amd64 6.1.115-1 (amd64)",
            "A linux-image-6.1.0-28-amd64 6.1.119-1 (amd64)",
            "D usrmerge 37~deb12u1 (all)",
            "5 packages changed: 2 added, 2 removed, 1 version changed; 1 unchanged",
            ""),
        r.out());
  }

  @Test
  void takesTheOutputFoldersOfTwoBuilds() {
    Run r = applc("diff", "--stat", old.getParent().toString(), now.getParent().toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(
        "5 packages changed: 2 added, 2 removed, 1 version changed; 1 unchanged\n", r.out());
  }

  @Test
  void exitCodeSaysWhetherThePackagesDiffer() {
    assertEquals(1, applc("diff", "--exit-code", old.toString(), now.toString()).exit());
    Run same = applc("diff", "--exit-code", now.toString(), now.toString());
    assertEquals(0, same.exit(), same.err());
    assertEquals("", same.out());
    assertEquals("no differences: both list the same 4 packages\n", same.err());
  }

  @Test
  void markdownIsATableForAReview() {
    Run r = applc("diff", "--format=markdown", old.toString(), now.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out()
            .contains(
                "| `libc6` | amd64 | version changed | `2.36-9+deb12u8` | `2.36-9+deb12u9` |"),
        r.out());
    assertTrue(r.out().contains("| `curl` | amd64 | added |  | `7.88.1-10+deb12u8` |"), r.out());
  }

  @Test
  void anSbomIsComparedOnlyWithAnSbom() throws Exception {
    Path spec = tmp.resolve("minimal.appliance");
    Files.copy(Path.of("..", "specs", "minimal", "minimal.appliance"), spec);
    Run r = applc("diff", old.toString(), spec.toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("is an SBOM and `" + spec + "` is not"), r.err());
  }

  @Test
  void anInvalidSbomIsRefusedWithWhatIsWrong() throws Exception {
    Path broken = tmp.resolve("broken.cdx.json");
    Files.writeString(
        broken,
        Files.readString(now)
            .replace(
                "\"bom-ref\" : \"pkg:deb/debian/curl",
                "\"bom-ref\" : 7, \"x\" : \"pkg:deb/debian/curl"));
    Run r = applc("diff", old.toString(), broken.toString());
    assertEquals(1, r.exit(), r.out());
    assertTrue(
        r.err().startsWith("cannot compare: `" + broken + "` is not a valid CycloneDX 1.5 SBOM: "),
        r.err());
  }

  private Path sbom(String name, List<Package> packages) throws Exception {
    Path out = Files.createDirectories(tmp.resolve(name));
    BuiltImage image =
        new BuiltImage(
            "minimal",
            "0.1.0",
            "debian",
            packages,
            Optional.of("var/lib/dpkg/status"),
            List.of(new Artifact("disk.raw", "cd".repeat(32), 1)),
            86400,
            Optional.empty(),
            "test");
    Path file = out.resolve(CycloneDx.FILE_NAME);
    Files.write(file, CycloneDx.write(image));
    return file;
  }

  private static Run applc(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    Charset charset = Charset.defaultCharset();
    int exit;
    try {
      System.setOut(new PrintStream(stdout, true, charset));
      System.setErr(new PrintStream(stderr, true, charset));
      String[] all =
          Stream.concat(Stream.of(args), Stream.of("--color=never")).toArray(String[]::new);
      exit = Main.run(all);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new Run(exit, stdout.toString(charset), stderr.toString(charset));
  }
}
