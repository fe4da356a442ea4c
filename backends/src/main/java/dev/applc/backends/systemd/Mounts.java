package dev.applc.backends.systemd;

import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.Partition.Filesystem;
import dev.applc.compiler.model.PartitionType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code /etc/fstab} and {@code /etc/crypttab} lines for the partitions a spec mounts or encrypts.
 * Slotted partitions are left out: which slot is mounted is the boot's choice, not a fixed line.
 */
final class Mounts {
  private Mounts() {}

  /** One fstab line's fields, already escaped. */
  record Mount(String device, String where, String type, String options, int pass) {}

  /** One crypttab line's fields, with a remark for the reader where unlocking needs one. */
  record Volume(String name, String device, String key, String options, String remark) {}

  /**
   * The mounts, sorted by mount point so that a parent comes before what is mounted inside it.
   *
   * @param systemd whether systemd reads the table, so that {@code x-systemd.*} options apply
   */
  static List<Mount> mounts(Appliance a, boolean systemd) {
    List<Mount> out = new ArrayList<>();
    for (Partition p : a.disk().partitions()) {
      if (p.slot().isPresent() || p.derivedFrom().isPresent()) {
        continue;
      }
      String device =
          p.encryption().isPresent() ? "/dev/mapper/" + mapperName(p) : "PARTLABEL=" + p.label();
      // The file system grows once: on its first line (the partition's, or a subvolume's).
      boolean grow = systemd;
      if (p.mount().isPresent() && mountable(p.format())) {
        out.add(mount(p, device, p.mount().get(), List.of(), grow));
        grow = false;
      }
      for (Partition.Subvolume s : p.subvolumes()) {
        if (s.mount().isPresent()) {
          out.add(mount(p, device, s.mount().get(), List.of("subvol=" + s.name()), grow));
          grow = false;
        }
      }
    }
    out.sort(Comparator.comparing(Mount::where));
    return out;
  }

  private static Mount mount(
      Partition p, String device, String where, List<String> extra, boolean growfs) {
    List<String> options = new ArrayList<>(p.mountOptions());
    PartitionType.Kind kind = p.type().kind();
    if (options.isEmpty()
        && (kind == PartitionType.Kind.ESP || kind == PartitionType.Kind.XBOOTLDR)) {
      options.add("umask=0077"); // as systemd mounts it: boot loader files and the random seed
    }
    options.addAll(extra);
    boolean readOnly = p.readOnly() || p.format().readOnlyByNature();
    if (readOnly && !options.contains("ro") && !options.contains("rw")) {
      options.add("ro");
    }
    if (growfs && p.growFilesystem() && !readOnly && growable(p.format())) {
      options.add("x-systemd.growfs");
    }
    if (options.isEmpty()) {
      options.add("defaults");
    }
    int pass = 0;
    if (p.format() == Filesystem.EXT4 || p.format() == Filesystem.VFAT) {
      pass = where.equals("/") ? 1 : 2;
    }
    return new Mount(
        field(device), field(where), p.format().id(), field(String.join(",", options)), pass);
  }

  /**
   * The encrypted partitions, in disk order. Unlocking: the TPM2 when the spec says so (with its
   * PCRs), else a passphrase; a key file is looked up by systemd-cryptsetup as {@code
   * /etc/cryptsetup-keys.d/NAME.key} or {@code /run/cryptsetup-keys.d/NAME.key}. Root and /usr are
   * attached in the initrd already.
   */
  static List<Volume> volumes(Appliance a) {
    List<Volume> out = new ArrayList<>();
    for (Partition p : a.disk().partitions()) {
      if (p.encryption().isEmpty()) {
        continue;
      }
      Partition.Encryption e = p.encryption().get();
      String name = mapperName(p);
      List<String> options = new ArrayList<>();
      options.add("luks");
      if (e.unlock().contains("tpm2")) {
        options.add("tpm2-device=auto");
        if (!e.tpm2Pcrs().isEmpty()) {
          options.add(
              "tpm2-pcrs=" + String.join("+", e.tpm2Pcrs().stream().map(String::valueOf).toList()));
        }
        if (e.unlock().equals(List.of("tpm2"))) {
          // Nothing else opens it: a TPM2 that does not unseal fails the volume at once, instead
          // of a passphrase prompt on a console nobody watches that no passphrase answers.
          options.add("headless=true");
        }
      }
      PartitionType.Kind kind = p.type().kind();
      if (kind == PartitionType.Kind.ROOT || kind == PartitionType.Kind.USR) {
        options.add("x-initrd.attach");
      }
      String remark = "";
      if (e.unlock().contains("key-file") || e.passphrase().equals("rpi-otp")) {
        String source =
            e.passphrase().equals("rpi-otp")
                ? "the passphrase from the Raspberry Pi's OTP registers"
                : "the key file";
        remark =
            name
                + ": "
                + source
                + " must be in /run/cryptsetup-keys.d/"
                + name
                + ".key before it is unlocked";
      }
      out.add(new Volume(name, p.devicePath(), "none", String.join(",", options), remark));
    }
    return out;
  }

  /**
   * The device-mapper name of an encrypted partition: for the kinds systemd discovers, the name its
   * generators use ({@code root}, {@code var}, ...); otherwise the partition's id.
   */
  static String mapperName(Partition p) {
    return switch (p.type().kind()) {
      case ROOT -> "root";
      case USR -> "usr";
      case HOME -> "home";
      case SRV -> "srv";
      case VAR -> "var";
      case TMP -> "tmp";
      default -> p.id();
    };
  }

  private static boolean mountable(Filesystem f) {
    return f != Filesystem.SWAP && f != Filesystem.NONE;
  }

  private static boolean growable(Filesystem f) {
    return f == Filesystem.EXT4 || f == Filesystem.BTRFS || f == Filesystem.XFS;
  }

  /** An fstab field: blanks and backslashes as octal escapes, as getmntent reads them. */
  static String field(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case ' ' -> b.append("\\040");
        case '\t' -> b.append("\\011");
        case '\\' -> b.append("\\134");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
