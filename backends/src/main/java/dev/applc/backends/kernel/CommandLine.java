package dev.applc.backends.kernel;

import dev.applc.backends.rauc.SlotClasses;
import dev.applc.compiler.backend.Target;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Board;
import dev.applc.compiler.model.Boot;
import dev.applc.compiler.model.OperatingSystem;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.PartitionType;
import dev.applc.compiler.model.UpdatePolicy;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The kernel command line of an appliance, in this order: how the initrd finds and mounts /usr and
 * the root file system, the console, what lockdown asks of the kernel and initrd, then the spec's
 * own arguments (base, then profile).
 *
 * <p>Finding the file systems:
 *
 * <ul>
 *   <li>/usr with dm-verity: {@code usrhash=@USRHASH@ mount.usr=/dev/mapper/usr}; root with
 *       dm-verity: {@code roothash=@ROOTHASH@ root=/dev/mapper/root} (systemd 252's veritysetup and
 *       fstab generators). The data and hash partitions are named explicitly ({@code
 *       systemd.verity_root_data=}, {@code systemd.verity_root_hash=}) unless systemd-sysupdate
 *       updates them: sysupdate relabels partitions with each version but gives them the UUIDs
 *       derived from the root hash, which the generator finds by itself. RAUC writes slot contents
 *       without touching the GPT, so with RAUC the names are the slot's fixed labels, one command
 *       line per slot.
 *   <li>Root without verity: by its fixed label ({@code root=PARTLABEL=}); when the label is not
 *       fixed (sysupdate) or the root is encrypted, systemd's gpt-auto generator finds it, where it
 *       can (a systemd initrd behind systemd-boot and a UKI, which set the {@code
 *       LoaderDevicePartUUID} it needs); otherwise a placeholder or {@code /dev/mapper/root}.
 *   <li>Only /usr on the disk: a volatile root ({@code root=tmpfs}).
 *   <li>{@code ro} for a read-only root, {@code rw} for a writable one, which the appliance has no
 *       fstab line to remount.
 * </ul>
 *
 * <p>An initrd that is not systemd's (initramfs-tools, a custom init) opens verity itself from the
 * same parameters; {@code systemd.verity=no} then keeps systemd in the booted system from opening
 * the devices a second time.
 *
 * <p>A block that does not match its hash restarts the machine ({@code
 * systemd.verity_root_options=restart-on-corruption}, systemd 248; {@code _usr_} 250; the
 * initramfs-tools script passes the same options to veritysetup), wherever it is read, at boot or
 * hours later: a device with a tampered root must not run it, and the boot loader falls back to the
 * other slot when its tries are used up. dm-verity's default only fails the read and logs.
 *
 * <p>Lockdown: {@code gettys} other than the default turns off systemd's getty generator, which
 * would otherwise start a login prompt on the kernel console ({@code systemd.getty_auto=0}, systemd
 * 250); {@code sysrq = off} sets {@code kernel.sysrq=0} from the first instruction on ({@code
 * sysctl.} parameters, Linux 5.8); an initrd without a shell reboots on failure instead ({@code
 * rd.shell=0 rd.emergency=reboot} for dracut, {@code panic=} for initramfs-tools and the kernel),
 * so that boot counting can roll back. No {@code systemd.mask=} is added: the systemd backend masks
 * the emergency and rescue units in the image, and with a signed UKI the command line cannot be
 * edited to undo that; spec arguments that would open a shell are refused instead.
 */
public final class CommandLine {
  /** Seconds before an initramfs-tools initrd (and a panicking kernel) reboots. */
  static final int PANIC_REBOOT_SECONDS = 10;

  /** What dm-verity does when a block does not match its hash: restart, never go on. */
  static final String ON_CORRUPTION = "restart-on-corruption";

  /** systemd-getty-generator reads {@code systemd.getty_auto=} since this version. */
  static final int GETTY_AUTO_SINCE = 250;

  private CommandLine() {}

  /**
   * One kernel command line.
   *
   * @param slot the slot it boots, when each slot needs its own line
   * @param arguments the parameters, in order
   */
  public record Line(Optional<String> slot, List<String> arguments) {
    public Line {
      arguments = List.copyOf(arguments);
    }

    public String text() {
      return String.join(" ", arguments);
    }

    /** The placeholders the line holds, in declaration order. */
    public Set<Placeholder> placeholders() {
      Set<Placeholder> used = EnumSet.noneOf(Placeholder.class);
      for (Placeholder p : Placeholder.values()) {
        if (arguments.stream().anyMatch(a -> a.contains(p.token()))) {
          used.add(p);
        }
      }
      return used;
    }
  }

  /**
   * The command lines to build: one for every slot, or, when slots name their partitions by fixed
   * labels (RAUC), one per slot.
   */
  public static List<Line> lines(Appliance a, Target t) {
    if (perSlot(a)) {
      List<Line> lines = new ArrayList<>();
      for (String slot : a.disk().slotNames()) {
        lines.add(new Line(Optional.of(slot), arguments(a, t, Optional.of(slot))));
      }
      return lines;
    }
    return List.of(new Line(Optional.empty(), arguments(a, t, Optional.empty())));
  }

  /** Whether each slot boots with its own command line. */
  static boolean perSlot(Appliance a) {
    boolean rauc = a.update().map(u -> u.method() == UpdatePolicy.Method.RAUC).orElse(false);
    if (!rauc || !a.disk().hasSlots()) {
      return false;
    }
    return os(a, PartitionType.Kind.USR, Optional.empty()).flatMap(Partition::slot).isPresent()
        || os(a, PartitionType.Kind.ROOT, Optional.empty()).flatMap(Partition::slot).isPresent();
  }

  /** Whether the initrd is systemd's: what dracut, mkinitcpio's systemd hook and mkosi build. */
  static boolean systemdInitrd(Appliance a) {
    if (a.os().init() != OperatingSystem.InitSystem.SYSTEMD) {
      return false;
    }
    Optional<String> g = a.boot().initrd().generator();
    return g.isEmpty() || g.get().equals("dracut") || g.get().equals("mkinitcpio");
  }

  static List<String> arguments(Appliance a, Target t, Optional<String> slot) {
    List<String> args = new ArrayList<>();
    mounts(a, slot, args);
    if (slot.isPresent() && a.board().firmware() == Board.Firmware.UEFI) {
      // RAUC finds the booted slot by its bootname here: the root it sees is /dev/mapper/root,
      // which is no slot's device. (On u-boot boards boot.cmd adds it.)
      args.add("rauc.slot=" + SlotClasses.bootname(slot.get()));
    }
    if (a.board().firmware() == Board.Firmware.UBOOT) {
      args.add("rootwait"); // The kernel may look for an SD card before it is ready.
    }
    a.board()
        .console()
        .filter(KernelArguments::isSafeConsole)
        .ifPresent(c -> args.add("console=" + c));
    lockdown(a, t, args);
    a.boot().kernel().cmdline().stream().filter(KernelArguments::isSafe).forEach(args::add);
    return args;
  }

  private static void mounts(Appliance a, Optional<String> slot, List<String> args) {
    boolean sysupdate =
        a.update().map(u -> u.method() == UpdatePolicy.Method.SYSUPDATE).orElse(false);
    boolean systemdInitrd = systemdInitrd(a);
    boolean systemdInit = a.os().init() == OperatingSystem.InitSystem.SYSTEMD;
    Optional<Partition> usr = os(a, PartitionType.Kind.USR, slot);
    Optional<Partition> root = os(a, PartitionType.Kind.ROOT, slot);
    boolean verity = false;
    if (usr.isPresent()) {
      Partition p = usr.get();
      if (p.verity().enabled()) {
        verity = true;
        args.add("usrhash=" + Placeholder.USRHASH.token());
        if (!sysupdate || !systemdInitrd) {
          args.add("systemd.verity_usr_data=" + device(p, sysupdate, Placeholder.USR_PARTUUID));
          hash(a, p)
              .ifPresent(
                  h ->
                      args.add(
                          "systemd.verity_usr_hash="
                              + device(h, sysupdate, Placeholder.USR_VERITY_PARTUUID)));
        }
        args.add("systemd.verity_usr_options=" + ON_CORRUPTION);
        args.add("mount.usr=/dev/mapper/usr");
      } else {
        args.add("mount.usr=" + device(p, sysupdate, Placeholder.USR_PARTUUID));
      }
    }
    if (root.isPresent()) {
      Partition p = root.get();
      if (p.verity().enabled()) {
        verity = true;
        args.add("roothash=" + Placeholder.ROOTHASH.token());
        if (!sysupdate || !systemdInitrd) {
          args.add("systemd.verity_root_data=" + device(p, sysupdate, Placeholder.ROOT_PARTUUID));
          hash(a, p)
              .ifPresent(
                  h ->
                      args.add(
                          "systemd.verity_root_hash="
                              + device(h, sysupdate, Placeholder.ROOT_VERITY_PARTUUID)));
        }
        args.add("systemd.verity_root_options=" + ON_CORRUPTION);
        args.add("root=/dev/mapper/root");
      } else if (p.encryption().isPresent()) {
        if (!gptAuto(a)) {
          args.add("root=/dev/mapper/root"); // Unlocked under this name, as DPS has it.
        }
      } else if (sysupdate && p.slot().isPresent()) {
        if (!gptAuto(a)) {
          args.add("root=PARTUUID=" + Placeholder.ROOT_PARTUUID.token());
        }
      } else {
        args.add("root=PARTLABEL=" + p.label());
      }
      args.add(p.readOnly() ? "ro" : "rw");
    } else if (usr.isPresent()) {
      args.add("root=tmpfs");
    }
    if (verity && !systemdInitrd && systemdInit) {
      args.add("systemd.verity=no"); // The initrd opened the verity devices already.
    }
  }

  /**
   * The partition a command line mounts: the slot's copy, or the one partition of that kind; for
   * the shared line, slot A's copy (the other slots hold the same partitions).
   */
  static Optional<Partition> os(Appliance a, PartitionType.Kind kind, Optional<String> slot) {
    Optional<String> wanted =
        slot.isPresent() || !a.disk().hasSlots() ? slot : Optional.of(a.disk().slotNames().get(0));
    return a.disk().partitions().stream()
        .filter(p -> p.type().kind() == kind && p.derivedFrom().isEmpty())
        .filter(p -> p.slot().isEmpty() || p.slot().equals(wanted))
        .findFirst();
  }

  private static Optional<Partition> hash(Appliance a, Partition data) {
    return a.disk().partitions().stream()
        .filter(p -> p.derivedFrom().equals(Optional.of(data.id())))
        .filter(p -> p.type().kind().isVerityHash())
        .findFirst();
  }

  /**
   * A partition's device for the initrd: its fixed label, or, for partitions whose label
   * systemd-sysupdate changes with every version, its UUID.
   */
  private static String device(Partition p, boolean sysupdate, Placeholder partitionUuid) {
    if (sysupdate && p.slot().isPresent()) {
      return "/dev/disk/by-partuuid/" + partitionUuid.token();
    }
    return p.devicePath();
  }

  /** Whether systemd's gpt-auto generator can find the root partition by itself. */
  static boolean gptAuto(Appliance a) {
    Optional<Boot.Uki> uki = a.boot().uki();
    return systemdInitrd(a)
        && a.board().firmware().isUefi()
        && uki.isPresent()
        && uki.get().bootloader().equals("systemd-boot");
  }

  private static void lockdown(Appliance a, Target t, List<String> args) {
    boolean systemdInit = a.os().init() == OperatingSystem.InitSystem.SYSTEMD;
    if (systemdInit
        && !a.lockdown().gettys().equals("default")
        && t.systemd() >= GETTY_AUTO_SINCE) {
      args.add("systemd.getty_auto=0");
    }
    if (!a.lockdown().sysrq()) {
      args.add("sysctl.kernel.sysrq=0");
    }
    Boot.Initrd initrd = a.boot().initrd();
    if (!initrd.shell()) {
      if (initrd.generator().orElse("").equals("dracut")) {
        args.add("rd.shell=0");
        args.add("rd.emergency=reboot");
      }
      // initramfs-tools' panic reboots instead of opening its shell when panic= is set (also
      // its default on Debian, when the spec names no generator); a kernel panic reboots too.
      if (a.boot().kernel().cmdline().stream().noneMatch(arg -> arg.startsWith("panic="))) {
        args.add("panic=" + PANIC_REBOOT_SECONDS);
      }
    }
  }
}
