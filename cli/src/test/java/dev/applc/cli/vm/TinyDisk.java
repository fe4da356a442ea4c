package dev.applc.cli.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.applc.cli.keys.Cli;
import dev.applc.vm.TestSigner;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A small bootable GPT disk made without root, loop devices or mounts: a FAT ESP made with
 * mkfs.vfat and filled with mtools, copied into a partition that sgdisk created.
 */
final class TinyDisk {
  static final long MIB = 1L << 20;
  static final String SYSTEMD_BOOT = "/usr/lib/systemd/boot/efi/systemd-bootx64.efi";

  private TinyDisk() {}

  static void requireTools() {
    Cli.requireTools("qemu-system-x86_64", "mkfs.vfat", "mmd", "mcopy", "sgdisk");
    Cli.requireFiles(
        "/usr/share/OVMF/OVMF_CODE_4M.fd", "/usr/share/OVMF/OVMF_VARS_4M.fd", SYSTEMD_BOOT);
  }

  /** A disk whose ESP holds {@code bootloader} as EFI/BOOT/BOOTX64.EFI. */
  static Path make(Path dir, Path bootloader, String name) throws Exception {
    Path esp = dir.resolve(name + "-esp.img");
    run(dir, "mkfs.vfat", "-C", "-F", "32", "-n", "ESP", esp.toString(), "34816");
    run(dir, "mmd", "-i", esp.toString(), "::EFI", "::EFI/BOOT");
    run(dir, "mcopy", "-i", esp.toString(), bootloader.toString(), "::EFI/BOOT/BOOTX64.EFI");
    Path disk = dir.resolve(name + ".raw");
    try (FileChannel ch =
        FileChannel.open(disk, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[1]), 40 * MIB - 1);
    }
    run(dir, "sgdisk", "-n", "1:2048:+34M", "-t", "1:ef00", "-c", "1:esp", disk.toString());
    copyInto(esp, disk, MIB);
    Files.delete(esp);
    return disk;
  }

  /** A GPT disk with an ESP and an arm64 root partition (by its Discoverable Partitions type). */
  static Path arm64(Path dir) throws Exception {
    Path disk = dir.resolve("arm64.raw");
    try (FileChannel ch =
        FileChannel.open(disk, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[1]), 8 * MIB - 1);
    }
    run(
        dir,
        "sgdisk",
        "-n",
        "1:2048:+2M",
        "-t",
        "1:ef00",
        "-n",
        "2:0:+2M",
        "-t",
        "2:b921b045-1df0-41c3-af44-4c6f280d3fae",
        disk.toString());
    return disk;
  }

  private static void copyInto(Path from, Path to, long offset) throws IOException {
    try (FileChannel in = FileChannel.open(from);
        FileChannel out = FileChannel.open(to, StandardOpenOption.WRITE)) {
      long size = in.size();
      long done = 0;
      while (done < size) {
        done += in.transferTo(done, size - done, out.position(offset + done));
      }
    }
  }

  /** {@code efi} signed with {@code signer}'s key by sbsign, as {@code out}. */
  static Path sign(TestSigner signer, Path dir, Path efi, Path out) throws Exception {
    run(
        dir,
        "sbsign",
        "--key",
        signer.key().toString(),
        "--cert",
        signer.certificate().toString(),
        "--output",
        out.toString(),
        efi.toString());
    return out;
  }

  static void run(Path dir, String... command) throws Exception {
    Cli.Run run = Cli.exec(dir, command);
    assertEquals(0, run.exit(), String.join(" ", command) + ":\n" + run.out());
  }
}
