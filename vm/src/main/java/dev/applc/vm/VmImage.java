package dev.applc.vm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What to boot: a disk image, or a UKI that the firmware starts directly (QEMU's {@code -kernel},
 * for an appliance whose OS is the UKI's initrd). Either is a file given directly, or the artifact
 * of an {@code applc build} output folder: {@code OUT/images/disk.raw}, else its one UKI.
 *
 * @param format QEMU's name for the image format: {@code raw} or {@code qcow2} (a UKI is raw)
 * @param kind whether the file is a disk image or a UKI
 */
public record VmImage(Path file, String format, Kind kind) {
  /** Where {@code applc build} puts the bootable disk inside its output folder. */
  public static final String DISK_IN_OUTPUT = "images/disk.raw";

  /** Where {@code applc build} puts the images, and the UKI of a build without a disk. */
  public static final String IMAGES_IN_OUTPUT = "images";

  /** A disk image, booted from its ESP; or a UKI, given to the firmware as QEMU's kernel. */
  public enum Kind {
    DISK,
    UKI
  }

  public VmImage(Path file, String format) {
    this(file, format, Kind.DISK);
  }

  /**
   * Where {@code applc build} puts the certificate its UKI and boot loader are signed with for
   * Secure Boot: only the public certificate, so that a VM can enroll it in its {@code db}.
   */
  public static final String CERTIFICATE_IN_OUTPUT = "images/secure-boot.crt";

  private static final Set<String> ARM64_TYPES =
      Set.of(
          "b921b045-1df0-41c3-af44-4c6f280d3fae",
          "df3300ce-d69f-4c92-978c-9bfb0f38d820",
          "6db69de6-29f4-4758-a7a5-962190f00ce3",
          "b0e01050-ee5f-4390-949a-9101b17104e9",
          "6e11a4e7-fbca-4ded-b9e9-e1a512bb664e",
          "c23ce4ff-44bd-4b00-b2d4-b41b3419e02a");

  /** Thrown with a message for the user when there is no image to boot. */
  public static final class NotFound extends Exception {
    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
      super(message);
    }
  }

  /** The Secure Boot certificate of an {@code applc build} output folder, if it has one. */
  public static Optional<Path> publishedCertificate(Path argument) {
    Path certificate = argument.resolve(CERTIFICATE_IN_OUTPUT);
    return Files.isDirectory(argument) && Files.isRegularFile(certificate)
        ? Optional.of(certificate)
        : Optional.empty();
  }

  public static VmImage locate(Path argument) throws IOException, NotFound {
    Path file = argument;
    if (Files.isDirectory(argument)) {
      file = argument.resolve(DISK_IN_OUTPUT);
      if (!Files.isRegularFile(file)) {
        Optional<Path> uki = onlyUki(argument.resolve(IMAGES_IN_OUTPUT));
        if (uki.isEmpty()) {
          throw new NotFound(
              argument
                  + " is a folder without "
                  + DISK_IN_OUTPUT
                  + " or one UKI in "
                  + IMAGES_IN_OUTPUT
                  + "/: give a disk image, a UKI, or the output folder of `applc build`");
        }
        file = uki.get();
      }
    } else if (!Files.exists(argument)) {
      throw new NotFound(argument + " does not exist");
    } else if (!Files.isRegularFile(argument)) {
      throw new NotFound(argument + " is not a disk image file");
    }
    byte[] magic = new byte[4];
    try (InputStream in = Files.newInputStream(file)) {
      int n = in.readNBytes(magic, 0, 4);
      // A PE file (MZ): a UKI, which UEFI firmware starts without a disk.
      if (n >= 2 && magic[0] == 'M' && magic[1] == 'Z') {
        return new VmImage(file, "raw", Kind.UKI);
      }
      boolean qcow2 =
          n == 4
              && magic[0] == 'Q'
              && magic[1] == 'F'
              && magic[2] == 'I'
              && magic[3] == (byte) 0xfb;
      return new VmImage(file, qcow2 ? "qcow2" : "raw");
    }
  }

  /** The one {@code .efi} file of a build's images folder: the UKI of a build without a disk. */
  private static Optional<Path> onlyUki(Path images) throws IOException {
    if (!Files.isDirectory(images)) {
      return Optional.empty();
    }
    try (var files = Files.list(images)) {
      List<Path> ukis =
          files
              .filter(f -> f.getFileName().toString().endsWith(".efi"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
      return ukis.size() == 1 ? Optional.of(ukis.get(0)) : Optional.empty();
    }
  }

  /**
   * The host files a qcow2 image makes QEMU open besides itself: its backing file (the header's
   * backing_file_offset at byte 8 and backing_file_size at byte 16, big endian) and, for version 3
   * images, an external data file (incompatible feature bit 2 at byte 72, whose name is in a header
   * extension). A raw image names no other file. Read from the header, so no tool is needed and
   * nothing is opened but the image.
   */
  public List<String> otherFilesOpened() throws IOException {
    if (!format.equals("qcow2")) {
      return List.of();
    }
    List<String> files = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(file)) {
      ByteBuffer header = ByteBuffer.allocate(80).order(ByteOrder.BIG_ENDIAN);
      while (header.hasRemaining() && ch.read(header) >= 0) {
        // read the header, or as much of it as the file has
      }
      if (header.position() < 20) {
        return List.of();
      }
      int version = header.getInt(4);
      long backingOffset = header.getLong(8);
      int backingSize = header.getInt(16);
      if (backingOffset != 0) {
        int size = Math.max(0, Math.min(backingSize, 1023));
        ByteBuffer name = ByteBuffer.allocate(size);
        ch.read(name, backingOffset);
        files.add(
            "the backing file `"
                + new String(name.array(), 0, name.position(), StandardCharsets.UTF_8)
                + "`");
      }
      if (version >= 3 && header.position() >= 80 && (header.getLong(72) & 4) != 0) {
        files.add("an external data file");
      }
    }
    return files;
  }

  /**
   * Whether the GPT of a raw image holds arm64 root or usr partitions (by their Discoverable
   * Partitions type), which an x86-64 machine cannot boot.
   */
  public Optional<String> foreignArchitecture() throws IOException {
    if (!format.equals("raw")) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(512 * 34);
      if (head.length < 512 * 3
          || !new String(head, 512, 8, java.nio.charset.StandardCharsets.US_ASCII)
              .equals("EFI PART")) {
        return Optional.empty();
      }
      ByteBuffer gpt = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
      long entriesLba = gpt.getLong(512 + 72);
      int count = gpt.getInt(512 + 80);
      int size = gpt.getInt(512 + 84);
      if (entriesLba != 2 || size < 16) {
        return Optional.empty();
      }
      for (int i = 0; i < count && 1024 + (i + 1) * size <= head.length; i++) {
        if (ARM64_TYPES.contains(EfiGuid.read(gpt, 1024 + i * size).toString())) {
          return Optional.of("arm64");
        }
      }
    }
    return Optional.empty();
  }
}
