package dev.applc.backends.phases;

import dev.applc.backends.ImageUuids;
import dev.applc.backends.repart.RepartBackend;
import dev.applc.backends.systemd.InPlaceEncryption;
import dev.applc.backends.sysupdate.Artifacts;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Board;
import dev.applc.compiler.model.EffectiveBoot;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.Partition.Contents.Kind;
import dev.applc.compiler.model.Partition.Filesystem;
import dev.applc.compiler.model.UpdatePolicy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Where each partition of the built disk gets its bytes from, and the fixed identities (file system
 * UUIDs, verity salts, the repart seed) that make two builds of the same spec give the same bytes.
 *
 * <p>Only the first slot of a slotted partition gets contents: the other slots are written by
 * updates. Encrypted partitions are left to systemd-repart on the device, which has the key or the
 * TPM2 that unlocks them. Images are named after the partition's name without its slot ({@code
 * images/root.squashfs}), since the same image goes into whichever slot an update writes.
 */
final class Layout {
  /** Under {@code $WORK}: every image the build makes. */
  static final String IMAGES = "images";

  private final Appliance appliance;

  Layout(Appliance appliance) {
    this.appliance = appliance;
  }

  Appliance appliance() {
    return appliance;
  }

  /** The systemd-repart seed: the same UUID the mkosi tree's {@code Seed=} has. */
  UUID seed() {
    return uuid("");
  }

  /** A fixed UUID for something of this image (a file system, a verity hash tree). */
  UUID uuid(String what) {
    return ImageUuids.of(appliance, what);
  }

  /** A fixed 256-bit verity salt, in hex. */
  String salt(String what) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      String name = "applc:" + appliance.build().imageId() + ":" + what + ":salt";
      return HexFormat.of().formatHex(d.digest(name.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  List<Partition> partitions() {
    return appliance.disk().partitions();
  }

  boolean firstSlot(Partition p) {
    return p.slot().isEmpty() || p.slot().get().equals(appliance.disk().slotNames().get(0));
  }

  /** Whether the build writes this partition's contents (else it is left blank or to repart). */
  boolean filled(Partition p) {
    if ((!firstSlot(p) && !bootedByFirmwareInEverySlot(p))
        || (p.encryption().isPresent() && !encryptedInPlace(p))) {
      return false;
    }
    return switch (p.contents().kind()) {
      case OS, USR, BOOT, COPY, FILES, VERITY -> true;
      case EMPTY -> p.format() == Filesystem.EXT4 || p.format() == Filesystem.VFAT;
    };
  }

  /**
   * Whether every slot of a slotted ESP holds the kernel image: with no boot loader the firmware
   * starts the UKI of the first ESP it finds, and goes on to the next ESP when that one does not
   * load (a damaged file, or a signature Secure Boot refuses). A factory disk has the same UKI in
   * each, so that either starts the device.
   */
  boolean bootedByFirmwareInEverySlot(Partition p) {
    // The model gives a later slot of the ESP empty contents: the first slot's say what it holds.
    boolean esp =
        partitions().stream()
            .anyMatch(
                q -> q.name().equals(p.name()) && firstSlot(q) && q.contents().kind() == Kind.BOOT);
    return p.slot().isPresent()
        && esp
        && appliance.board().firmware() == Board.Firmware.UEFI
        && EffectiveBoot.uki(appliance).map(u -> u.bootloader().equals("none")).orElse(false);
  }

  /**
   * Whether a sysupdate build publishes the partition's contents as an artifact of its own: the
   * first slot's filled, slotted partitions that have an image (a copied partition has none).
   */
  boolean published(Partition p) {
    return p.slot().isPresent() && firstSlot(p) && filled(p) && p.contents().kind() != Kind.COPY;
  }

  /** Whether the built disk has the partition at all: encrypted ones are repart's on the device. */
  boolean onDisk(Partition p) {
    return p.encryption().isEmpty() || encryptedInPlace(p);
  }

  /**
   * Whether the build writes the partition plain for the first boot to encrypt (see
   * InPlaceEncryption): an encrypted partition with the OS, when the initrd is a systemd one that
   * runs the unit doing it.
   */
  boolean encryptedInPlace(Partition p) {
    return EffectiveBoot.initrdGenerator(appliance).equals("dracut")
        && InPlaceEncryption.partitions(appliance).contains(p);
  }

  /** The data partition a verity hash or signature partition belongs to. */
  Partition dataOf(Partition p) {
    return appliance.disk().partition(p.derivedFrom().orElseThrow()).orElseThrow();
  }

  /** The image file of a filled partition, relative to {@code $WORK}. */
  String imageFile(Partition p) {
    if (p.contents().kind() == Kind.VERITY) {
      Partition data = dataOf(p);
      return IMAGES
          + "/"
          + data.name()
          + (p.type().kind().isVeritySignature() ? ".verity-sig" : ".verity");
    }
    if (p.contents().kind() == Kind.COPY) {
      return "";
    }
    return IMAGES + "/" + builtName(p) + "." + extension(p.format());
  }

  /**
   * The name that the build's image file, UUIDs and volume ids of a partition derive from: the
   * partition's name for its first slot (as before slots were filled), its slot's id for a later
   * slot that the build fills too (an ESP the firmware boots), which needs its own.
   */
  String builtName(Partition p) {
    return firstSlot(p) ? p.name() : p.id();
  }

  static String extension(Filesystem f) {
    return switch (f) {
      case NONE -> "img";
      default -> f.id();
    };
  }

  /** The root hash file of a verity data partition. */
  static String rootHashFile(Partition data) {
    return IMAGES + "/" + data.name() + ".roothash";
  }

  /** A shell variable name for a partition's name. */
  static String var(String name) {
    return name.replaceAll("[^A-Za-z0-9]", "_").toLowerCase(Locale.ROOT);
  }

  /** The verity hash (or signature) partition of a data partition, in its slot. */
  Optional<Partition> derived(Partition data, boolean signature) {
    return partitions().stream()
        .filter(p -> p.derivedFrom().equals(Optional.of(data.id())))
        .filter(p -> p.type().kind().isVeritySignature() == signature)
        .findFirst();
  }

  /**
   * The verity data partitions the build makes hash trees for: the first slot's, and none that
   * systemd-repart encrypts on the device.
   */
  Stream<Partition> verityData() {
    return partitions().stream()
        .filter(p -> p.derivedFrom().isEmpty() && p.verity().enabled())
        .filter(this::firstSlot)
        .filter(p -> p.encryption().isEmpty());
  }

  /** Whether a verity data partition has its hash partition. */
  /**
   * The shell variable holding a partition's UUID when it follows from its root hash, so that every
   * version of a slot has partition UUIDs of its own: the verity data and hash partitions take the
   * first and the last 128 bits of the root hash (the Discoverable Partitions Specification), the
   * signature partition the first 128 bits of the root hash's SHA-256 (nothing finds it by UUID,
   * but a fixed one would repeat in every version, and two versions on a disk would share it).
   */
  Optional<String> rootHashUuid(Partition p) {
    if (p.contents().kind() == Kind.VERITY && derived(dataOf(p), false).isPresent()) {
      String var = "$" + var(dataOf(p).name());
      return Optional.of(var + (p.type().kind().isVeritySignature() ? "_sig_uuid" : "_hash_uuid"));
    }
    if (p.verity().enabled() && hasHash(p)) {
      return Optional.of("$" + var(p.name()) + "_data_uuid");
    }
    return Optional.empty();
  }

  boolean hasHash(Partition data) {
    return derived(data, false).isPresent();
  }

  /** The GPT label the partition gets on the built disk. */
  String diskLabel(Partition p) {
    Optional<UpdatePolicy> u = appliance.update();
    boolean sysupdate = u.isPresent() && u.get().method() == UpdatePolicy.Method.SYSUPDATE;
    if (sysupdate && p.slot().isPresent()) {
      return firstSlot(p)
          ? Artifacts.installedLabel(p, appliance.version())
          : RepartBackend.EMPTY_LABEL;
    }
    return p.label();
  }

  /** The disk image: {@code disk.raw}, where {@code applc vm OUT} looks for it. */
  String diskFile() {
    return IMAGES + "/disk.raw";
  }
}
