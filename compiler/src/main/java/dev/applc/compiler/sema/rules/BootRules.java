package dev.applc.compiler.sema.rules;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Arch;
import dev.applc.compiler.model.Board;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.PartitionType.Kind;
import java.util.List;
import java.util.Optional;

/** The board's firmware can boot the disk, and u-boot's environment has room of its own. */
final class BootRules implements Rule {
  /** The primary GPT: protective MBR, header and 128 entries of 128 bytes (34 sectors). */
  static final long PRIMARY_GPT = 34 * 512;

  @Override
  public void check(Appliance a, Diagnostics d) {
    Board board = a.board();
    List<Partition> parts = a.disk().partitions();
    // An OS in the initrd needs no ESP: the firmware starts its UKI, the only artifact, by itself.
    // Every other way of booting it is APL0304, whose help fits better than "add an ESP".
    if (board.firmware().isUefi() && !a.os().rootInInitrd()) {
      Optional<Partition> esp = parts.stream().filter(p -> p.type().kind() == Kind.ESP).findFirst();
      if (esp.isEmpty()) {
        d.add(
            Diagnostic.error(
                    Code.FIRMWARE_CANNOT_BOOT,
                    a.disk().origin().header(),
                    "board `" + board.name() + "` boots with UEFI, but the disk has no ESP")
                .label("no `type = esp` partition")
                .related(board.origin().at("firmware"), "UEFI firmware")
                .note("UEFI firmware loads the boot loader from the EFI System Partition")
                .help("add `partition esp { type = esp; size = 512M }`"));
      }
    }
    if (board.family() == Board.Family.RASPBERRY_PI && !parts.isEmpty()) {
      Partition first = parts.get(0);
      if (first.format() != Partition.Filesystem.VFAT) {
        d.add(
            Diagnostic.error(
                    Code.FIRMWARE_CANNOT_BOOT,
                    first.origin().at("format"),
                    "a Raspberry"
                        + " Pi boots from its first partition, which must be FAT, but `"
                        + first.name()
                        + "` is "
                        + first.format().id())
                .label("the first partition")
                .note(
                    "the Raspberry Pi boot ROM reads config.txt and the firmware from the first"
                        + " FAT partition")
                .help("put a vfat boot partition (such as `type = esp`) first on the disk"));
      }
    }
    if (board.arch() == Arch.X86_64 && board.deviceTree().isPresent()) {
      d.add(
          Diagnostic.error(
                  Code.DEVICE_TREE_ON_X86,
                  board.origin().at("device-tree"),
                  "board `" + board.name() + "` is x86-64 but names a device tree")
              .label("not used on x86-64")
              .help("remove `device-tree`: x86-64 firmware describes hardware with ACPI"));
    }
    board.ubootEnv().ifPresent(env -> ubootEnv(a, board, env, d));
  }

  private static void ubootEnv(Appliance a, Board board, Board.UbootEnv env, Diagnostics d) {
    if (board.firmware() != Board.Firmware.UBOOT) {
      d.add(
          Diagnostic.error(
                  Code.UBOOT_ENV_WRONG_FIRMWARE,
                  env.origin().header(),
                  "board `"
                      + board.name()
                      + "` has a u-boot environment but boots with "
                      + board.firmware().id())
              .label("u-boot environment")
              .related(board.origin().at("firmware"), "the firmware")
              .help("set `firmware = uboot`, or remove the `uboot-env` block"));
      return;
    }
    long[][] copies =
        env.redundantOffset().isPresent()
            ? new long[][] {
              {env.offset(), env.offset() + env.size()},
              {env.redundantOffset().get(), env.redundantOffset().get() + env.size()}
            }
            : new long[][] {{env.offset(), env.offset() + env.size()}};
    String[] props = {"offset", "redundant-offset"};
    if (copies.length == 2 && overlaps(copies[0], copies[1])) {
      d.add(
          Diagnostic.error(
                  Code.UBOOT_ENV_OVERLAP,
                  env.origin().at("redundant-offset"),
                  "the two" + " copies of the u-boot environment overlap")
              .label("starts inside the first copy")
              .related(
                  env.origin().at("offset"),
                  "first copy at " + hex(copies[0][0]) + ", " + hex(env.size()) + " bytes")
              .help("put the redundant copy at or after " + hex(copies[0][1])));
    }
    if (!env.device().equals(board.storage())) {
      return; // On another device (say, SPI flash) the disk layout cannot collide with it.
    }
    for (int i = 0; i < copies.length; i++) {
      if (overlaps(copies[i], new long[] {0, PRIMARY_GPT})) {
        d.add(
            Diagnostic.error(
                    Code.UBOOT_ENV_OVERLAP,
                    env.origin().at(props[i]),
                    "the u-boot" + " environment overlaps the partition table")
                .label(hex(copies[i][0]) + " to " + hex(copies[i][1]))
                .note("the primary GPT takes the first " + PRIMARY_GPT + " bytes of the disk")
                .help(
                    "move the environment after the partition table and before the first"
                        + " partition"));
        continue;
      }
      for (Partition p : a.disk().partitions()) {
        if (overlaps(copies[i], new long[] {p.offset(), p.end()})) {
          d.add(
              Diagnostic.error(
                      Code.UBOOT_ENV_OVERLAP,
                      env.origin().at(props[i]),
                      "the u-boot" + " environment overlaps partition `" + p.id() + "`")
                  .label(hex(copies[i][0]) + " to " + hex(copies[i][1]))
                  .related(
                      a.disk().origin().at("start"),
                      "`" + p.id() + "` starts at " + hex(p.offset()))
                  .help(
                      "start the first partition after the environment, such as `start = "
                          + Sizes.format(
                              roundUp(Math.max(copies[0][1], copies[copies.length - 1][1])))
                          + "` in `disk`"));
          break;
        }
      }
    }
  }

  private static long roundUp(long v) {
    long m = 1L << 20;
    return (v + m - 1) / m * m;
  }

  private static boolean overlaps(long[] a, long[] b) {
    return a[0] < b[1] && b[0] < a[1];
  }

  private static String hex(long v) {
    return "0x" + Long.toHexString(v);
  }
}
