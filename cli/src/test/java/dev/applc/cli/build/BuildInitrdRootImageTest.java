package dev.applc.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 002 for real: {@code applc build specs/tdx-debian} makes one UKI whose initramfs is the
 * whole OS (sysvinit, the spec's own /init), within its {@code max-size}; the firmware starts it
 * with QEMU's -kernel and no disk image. With a blank persistent disk the first boot partitions,
 * formats and mounts it and a boot script of the spec counts the boot there; the second boot finds
 * the count. A second build from scratch gives the same UKI, byte for byte. It takes minutes, so it
 * runs where {@code CI=true} or with {@code -Dapplc.imageTests=true}.
 */
@Tag("image-build")
class BuildInitrdRootImageTest {
  private static final String MARKER = "tdx-debian-ready";
  private static final String UKI = "images/tdx-debian_0.1.0.efi";
  private static final long BUDGET = 50L << 20;
  private static final List<String> TOOLS =
      List.of("mmdebstrap", "cpio", "zstd", "objcopy", "qemu-system-x86_64");

  @TempDir Path tmp;

  @Test
  void tdxDebianIsOneReproducibleUkiThatKeepsItsStateOnItsPersistentDisk() throws Exception {
    ImageBuilds.requireTools(TOOLS);
    Path spec = specWithReachableMirror(tmp.resolve("spec"));
    Path out = tmp.resolve("out");
    StringWriter err = new StringWriter();
    assertEquals(
        0, ImageBuilds.applc(err, "build", spec.toString(), "-o", out.toString()), err.toString());
    Path uki = out.resolve(UKI);
    assertTrue(Files.isRegularFile(uki), err.toString());
    assertTrue(Files.size(uki) <= BUDGET, uki + " is " + Files.size(uki) + " bytes");
    // Nothing else: the UKI is the whole image.
    try (Stream<Path> images = Files.list(out.resolve("images"))) {
      assertEquals(List.of(uki), images.toList());
    }

    Path persistent = tmp.resolve("persistent.raw");
    try (RandomAccessFile f = new RandomAccessFile(persistent.toFile(), "rw")) {
      f.setLength(64L << 20);
    }
    String first = boot(out, persistent, "first");
    assertTrue(first.contains("is blank: partitioning and formatting it"), first);
    assertTrue(first.contains("tdx-debian: boot 1,"), first);
    String second = boot(out, persistent, "second");
    assertFalse(second.contains("partitioning and formatting"), second);
    assertTrue(second.contains("tdx-debian: boot 2,"), second);

    // From scratch, with a cache of its own: the same bytes.
    Path again = tmp.resolve("again");
    StringWriter err2 = new StringWriter();
    assertEquals(
        0,
        ImageBuilds.applc(err2, "build", spec.toString(), "-o", again.toString()),
        err2.toString());
    assertEquals(sha256(uki), sha256(again.resolve(UKI)), "two builds of tdx-debian differ");
  }

  /** Boots the build's UKI with the persistent disk to the marker; returns the console. */
  private String boot(Path out, Path persistent, String name) throws Exception {
    Path log = tmp.resolve(name + ".log");
    StringWriter vm = new StringWriter();
    int booted =
        ImageBuilds.applc(
            vm,
            "vm",
            "--disk=" + persistent,
            "--expect=" + MARKER,
            "--timeout=600",
            "--log=" + log,
            out.toString());
    assertEquals(0, booted, vm + "\n" + ImageBuilds.tail(log));
    return Files.readString(log, StandardCharsets.ISO_8859_1);
  }

  /**
   * The spec with its inputs, without its snapshot.debian.org mirror, which CI machines cannot
   * reach: mmdebstrap's default (deb.debian.org) serves bookworm instead. The packages differ from
   * the snapshot's, not what the build does with them.
   */
  private static Path specWithReachableMirror(Path to) throws Exception {
    Path from = ImageBuilds.repo().resolve("specs/tdx-debian");
    Process cp = new ProcessBuilder("cp", "-a", from + "/.", to.toString()).inheritIO().start();
    assertEquals(0, cp.waitFor());
    Path spec = to.resolve("tdx-debian.appliance");
    String text = Files.readString(spec, StandardCharsets.UTF_8);
    String without = text.replaceAll("(?m)^\\s*mirror\\s*=.*\\n", "");
    assertFalse(without.equals(text), "the spec has no mirror line any more");
    Files.writeString(spec, without, StandardCharsets.UTF_8);
    return spec;
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
