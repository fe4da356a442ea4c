package dev.applc.cli.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.vm.UnitFailures;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cyclonedx.model.Bom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: {@code applc build specs/minimal} with mmdebstrap, mksquashfs, veritysetup,
 * objcopy, mtools and systemd-repart; the disk boots in QEMU to the marker minimal's unit prints,
 * and with one byte of the root partition flipped it never gets there (dm-verity). It takes a few
 * minutes, so it runs where {@code CI=true} (and fails there when a tool is missing) or with {@code
 * -Dapplc.imageTests=true}; elsewhere it is skipped.
 */
@Tag("image-build")
class BuildMinimalImageTest {
  private static final String MARKER = ImageBuilds.MARKER;
  private static final List<String> TOOLS =
      List.of(
          "mmdebstrap",
          "mksquashfs",
          "mkfs.ext4",
          "veritysetup",
          "objcopy",
          "mkfs.vfat",
          "mcopy",
          "systemd-repart",
          "qemu-system-x86_64");

  @TempDir Path tmp;

  @Test
  void minimalBuildsBootsToItsMarkerAndATamperedRootDoesNot() throws Exception {
    ImageBuilds.requireTools(TOOLS);
    Path spec = ImageBuilds.repo().resolve("specs/minimal/minimal.appliance");
    Path out = tmp.resolve("out");

    StringWriter err = new StringWriter();
    int exit = ImageBuilds.applc(err, "build", spec.toString(), "-o", out.toString());
    assertEquals(0, exit, err.toString());
    Path disk = out.resolve("images/disk.raw");
    assertTrue(Files.isRegularFile(disk), err.toString());
    assertTrue(Files.isRegularFile(out.resolve("images/root.squashfs")));
    assertTrue(Files.isRegularFile(out.resolve("images/root.roothash")));
    // The SBOM: valid, the image's packages, every artifact's SHA-256, the spec's commit.
    Bom bom = SbomChecks.check(out);
    assertTrue(
        bom.getMetadata().getComponent().getProperties().stream()
            .anyMatch(
                p ->
                    p.getName().equals("applc:git-commit") && p.getValue().matches("[0-9a-f]{40}")),
        "the SBOM names no git commit of specs/minimal");
    byte[] sbom = Files.readAllBytes(out.resolve("sbom.cdx.json"));

    // A second build reuses every phase, and writes the same SBOM.
    StringWriter again = new StringWriter();
    assertEquals(0, ImageBuilds.applc(again, "build", spec.toString(), "-o", out.toString()));
    assertTrue(again.toString().contains("0 phases run"), again.toString());
    assertArrayEquals(sbom, Files.readAllBytes(out.resolve("sbom.cdx.json")));

    Path log = tmp.resolve("boot.log");
    StringWriter vm = new StringWriter();
    int booted =
        ImageBuilds.applc(
            vm, "vm", "--expect=" + MARKER, "--timeout=420", "--log=" + log, disk.toString());
    assertEquals(0, booted, vm + "\n" + ImageBuilds.tail(log));
    // The marker is not enough: no unit may have failed on the way to it.
    assertEquals(
        List.of(),
        UnitFailures.in(Files.readString(log, StandardCharsets.UTF_8)),
        ImageBuilds.tail(log));

    Path tampered = tmp.resolve("tampered.raw");
    Process cp =
        new ProcessBuilder("cp", "--sparse=always", disk.toString(), tampered.toString())
            .inheritIO()
            .start();
    assertEquals(0, cp.waitFor());
    // One byte 1 MiB into the root: not the file system's superblock, without which nothing
    // would mount anyway, but a data block that the boot reads. dm-verity must not only log it:
    // the machine restarts, so that a boot loader with tries left falls back to the other slot.
    long root = partitionStart(tampered, "root-a");
    long at = root + 1024 * 1024 + 100;
    try (RandomAccessFile f = new RandomAccessFile(tampered.toFile(), "rw")) {
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0xff);
    }
    Path badLog = tmp.resolve("tampered.log");
    int restarted =
        ImageBuilds.applc(
            new StringWriter(),
            "vm",
            "--expect=" + VERITY_RESTART,
            "--timeout=240",
            "--log=" + badLog,
            tampered.toString());
    String bad = Files.readString(badLog, StandardCharsets.UTF_8);
    assertEquals(0, restarted, ImageBuilds.tail(badLog));
    assertFalse(bad.contains(MARKER), ImageBuilds.tail(badLog));
  }

  /** What the kernel prints when dm-verity restarts it (restart-on-corruption). */
  private static final String VERITY_RESTART =
      "Restarting system with command 'dm-verity device corrupted'";

  /** The byte offset of a partition, by GPT label, from sfdisk's JSON. */
  private static long partitionStart(Path disk, String label) throws Exception {
    Process p = new ProcessBuilder("sfdisk", "--json", disk.toString()).start();
    String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), json);
    Matcher m =
        Pattern.compile("\"start\":\\s*(\\d+),[^}]*\"name\":\\s*\"" + Pattern.quote(label) + "\"")
            .matcher(json);
    assertTrue(m.find(), json);
    return Long.parseLong(m.group(1)) * 512;
  }
}
