package dev.applc.compiler.model;

import java.util.List;
import java.util.Optional;

/**
 * One GPT partition as it will exist on the disk, after slots and verity have been expanded.
 *
 * @param id the partition's unique name in the model: the spec's name, with {@code -SLOT} for
 *     slotted partitions and {@code -verity}/{@code -verity-sig} for derived ones
 * @param name the name written in the spec (shared by the copies in each slot)
 * @param slot the slot this copy belongs to, for slotted partitions
 * @param derivedFrom for verity hash and signature partitions, the id of their data partition
 * @param offset where the partition starts on the disk image, in bytes
 * @param typeGuid the GPT type GUID for the board's architecture
 * @param allocated the bytes the partition gets in the minimal (or declared-size) image
 */
public record Partition(
    String id,
    String name,
    Optional<String> slot,
    Optional<String> derivedFrom,
    PartitionType type,
    String typeGuid,
    Size size,
    String label,
    Filesystem format,
    boolean readOnly,
    boolean growFilesystem,
    Verity verity,
    Contents contents,
    Optional<String> mount,
    List<String> mountOptions,
    boolean factoryReset,
    Optional<Encryption> encryption,
    List<Subvolume> subvolumes,
    long offset,
    long allocated,
    Origin origin) {

  public Partition {
    mountOptions = List.copyOf(mountOptions);
    subvolumes = List.copyOf(subvolumes);
  }

  /** A fixed size, or {@code grow} with a minimum. */
  public record Size(long bytes, boolean grow) {}

  public enum Filesystem {
    VFAT("vfat"),
    EXT4("ext4"),
    BTRFS("btrfs"),
    XFS("xfs"),
    SQUASHFS("squashfs"),
    EROFS("erofs"),
    SWAP("swap"),
    NONE("none");

    private final String id;

    Filesystem(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    public boolean readOnlyByNature() {
      return this == SQUASHFS || this == EROFS;
    }
  }

  /** dm-verity of a data partition. Hash and signature partitions carry {@code OFF}. */
  public record Verity(Mode mode, Optional<String> key) {
    public enum Mode {
      OFF,
      ON,
      SIGNED
    }

    public static final Verity OFF = new Verity(Mode.OFF, Optional.empty());

    public boolean enabled() {
      return mode != Mode.OFF;
    }
  }

  /** What the build puts into the partition. */
  public record Contents(Kind kind, Optional<String> path) {
    public enum Kind {
      /** The whole OS tree. */
      OS,
      /** The OS tree's /usr. */
      USR,
      /** Boot loader, UKI and firmware files. */
      BOOT,
      /** Nothing: formatted (if it has a file system) or left blank. */
      EMPTY,
      /** A copied image file. */
      COPY,
      /** A folder of files. */
      FILES,
      /** A verity hash tree or signature of another partition. */
      VERITY
    }

    public static Contents of(Kind kind) {
      return new Contents(kind, Optional.empty());
    }
  }

  public record Encryption(
      List<String> unlock, Optional<String> keyFile, String passphrase, List<Integer> tpm2Pcrs) {
    public Encryption {
      unlock = List.copyOf(unlock);
      tpm2Pcrs = List.copyOf(tpm2Pcrs);
    }
  }

  public record Subvolume(String name, Optional<String> mount, boolean isDefault) {}

  public long end() {
    return offset + allocated;
  }

  /** The stable device path on the appliance. */
  public String devicePath() {
    return "/dev/disk/by-partlabel/" + label;
  }
}
