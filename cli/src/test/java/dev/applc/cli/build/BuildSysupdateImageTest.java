package dev.applc.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code specs/minimal-sysupdate} built for real: {@code applc verify} agrees with its
 * systemd-sysupdate artifacts (names with the disk's partition UUIDs, SHA256SUMS, the signature by
 * the key {@code applc keys} made, the UKI), and reports a copy whose SHA256SUMS was changed after
 * the build. The keys are made in a copy of the spec's folder, so none lands in the repository.
 */
@Tag("image-build")
class BuildSysupdateImageTest {
  private static final List<String> TOOLS =
      List.of(
          "mmdebstrap",
          "mksquashfs",
          "veritysetup",
          "objcopy",
          "mkfs.vfat",
          "mcopy",
          "systemd-repart",
          "gzip",
          "gpg",
          "gpgv",
          "sfdisk");

  @TempDir Path tmp;

  @Test
  void verifyAgreesWithABuildAndCatchesATamperedSha256sums() throws Exception {
    ImageBuilds.requireTools(TOOLS);
    Path specDir = tmp.resolve("spec");
    Files.createDirectories(specDir);
    Path spec = specDir.resolve("minimal-sysupdate.appliance");
    Files.copy(
        ImageBuilds.repo().resolve("specs/minimal-sysupdate/minimal-sysupdate.appliance"), spec);
    StringWriter keys = new StringWriter();
    assertEquals(0, ImageBuilds.applc(keys, "keys", spec.toString()), keys.toString());

    Path out = tmp.resolve("out");
    StringWriter built = new StringWriter();
    assertEquals(
        0,
        ImageBuilds.applc(built, "build", spec.toString(), "-o", out.toString()),
        built.toString());

    StringWriter ok = new StringWriter();
    assertEquals(
        0, ImageBuilds.applc(ok, "verify", spec.toString(), out.toString()), ok.toString());

    // A copy whose SHA256SUMS gives the UKI artifact another hash: the hash is wrong, and the
    // build's signature no longer matches the changed SHA256SUMS.
    Path copy = tamperedCopy(out);
    Path sums = copy.resolve("images/sysupdate/SHA256SUMS");
    List<String> lines = Files.readAllLines(sums);
    String uki = lines.stream().filter(l -> l.endsWith(".efi.gz")).findFirst().orElseThrow();
    Files.write(
        sums,
        lines.stream().map(l -> l.equals(uki) ? "0".repeat(64) + l.substring(64) : l).toList());
    StringWriter err = new StringWriter();
    assertEquals(
        1, ImageBuilds.applc(err, "verify", spec.toString(), copy.toString()), err.toString());
    String text = err.toString();
    assertTrue(
        text.contains("error[APL0536]: `SHA256SUMS` gives `minimal-sysupdate_0.1.0.efi.gz`"), text);
    assertTrue(
        text.contains("error[APL0536]: `SHA256SUMS.gpg` is not a valid signature of `SHA256SUMS`"),
        text);
    // Located at the spec, never a stack trace.
    assertTrue(text.contains("--> minimal-sysupdate.appliance:"), text);
    assertFalse(text.contains("Exception"), text);
  }

  /** A copy of OUT: its config and sysupdate folder copied, the other images linked. */
  private Path tamperedCopy(Path out) throws Exception {
    Path copy = tmp.resolve("tampered");
    for (String folder : List.of("config", "images/sysupdate")) {
      Path from = out.resolve(folder).toRealPath();
      try (Stream<Path> files = Files.walk(from)) {
        for (Path f : files.toList()) {
          Path to = copy.resolve(folder).resolve(from.relativize(f).toString());
          if (Files.isDirectory(f)) {
            Files.createDirectories(to);
          } else {
            Files.copy(f, to);
          }
        }
      }
    }
    try (Stream<Path> images = Files.list(out.resolve("images"))) {
      for (Path image : images.toList()) {
        Path to = copy.resolve("images").resolve(image.getFileName());
        if (!Files.exists(to)) {
          Files.createSymbolicLink(to, image);
        }
      }
    }
    return copy;
  }
}
