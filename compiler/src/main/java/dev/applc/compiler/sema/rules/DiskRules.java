package dev.applc.compiler.sema.rules;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.diag.Words;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Disk;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.Partition.Filesystem;
import dev.applc.compiler.model.PartitionType.Kind;
import dev.applc.compiler.source.SourceSpan;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The disk as a whole: it holds its partitions, slots agree, types suit the architecture. */
final class DiskRules implements Rule {
  /** systemd-repart (258 and later) refuses smaller ESPs; FAT32 itself needs about 32M. */
  static final long MIN_ESP = 100L << 20;

  @Override
  public void check(Appliance a, Diagnostics d) {
    Disk disk = a.disk();
    fits(disk, d);
    slotsSymmetric(disk, d);
    List<Partition> declared =
        disk.partitions().stream().filter(p -> p.derivedFrom().isEmpty()).toList();
    long growers = declared.stream().filter(p -> p.size().grow() && p.slot().isEmpty()).count();
    if (growers > 1) {
      Partition second =
          declared.stream().filter(p -> p.size().grow()).skip(1).findFirst().orElseThrow();
      d.add(
          Diagnostic.error(
                  Code.MULTIPLE_GROW,
                  second.origin().at("size"),
                  "more than one" + " partition grows")
              .label("also grows")
              .note("partitions that grow share the free space equally")
              .help(
                  "give all but one partition a fixed size, unless an equal share is what you"
                      + " want"));
    }
    Map<String, SourceSpan> mounts = new HashMap<>();
    for (Partition p : declared) {
      if (p.slot().isPresent() && !p.slot().get().equals(disk.slotNames().get(0))) {
        continue; // One slot's copy stands for all: only one slot is mounted at a time.
      }
      checkPartition(a, p, d);
      p.mount().ifPresent(m -> mount(m, p.origin().at("mount"), mounts, d));
      for (Partition.Subvolume s : p.subvolumes()) {
        s.mount().ifPresent(m -> mount(m, p.origin().header(), mounts, d));
      }
    }
  }

  private static void mount(
      String path, SourceSpan at, Map<String, SourceSpan> mounts, Diagnostics d) {
    SourceSpan earlier = mounts.putIfAbsent(path, at);
    if (earlier != null) {
      d.add(
          Diagnostic.error(Code.DUPLICATE_MOUNT, at, "two partitions mount at `" + path + "`")
              .label("mounted again here")
              .related(earlier, "first mounted here")
              .help("give each partition its own mount point"));
    }
  }

  private static void fits(Disk disk, Diagnostics d) {
    if (disk.declaredSize().isEmpty() || disk.partitions().isEmpty()) {
      return;
    }
    Partition last = disk.partitions().get(disk.partitions().size() - 1);
    long needed = last.end() + Disk.BACKUP_GPT;
    long size = disk.declaredSize().get();
    if (needed > size) {
      long fixed = disk.partitions().stream().mapToLong(p -> p.size().bytes()).sum();
      d.add(
          Diagnostic.error(
                  Code.DISK_OVERFLOW,
                  disk.origin().at("size"),
                  "the partitions do not" + " fit on a " + Sizes.format(size) + " disk")
              .label("needs at least " + Sizes.exact(roundUpMiB(needed)))
              .note(
                  "the partitions take "
                      + Sizes.format(fixed)
                      + ", plus "
                      + Sizes.format(disk.start())
                      + " before the first, 1M alignment between them"
                      + " and 1M for the backup partition table")
              .help(
                  "make the disk at least "
                      + Sizes.format(needed)
                      + ", or make partitions smaller"));
    }
  }

  private static long roundUpMiB(long bytes) {
    return (bytes + (1L << 20) - 1) >> 20 << 20;
  }

  private static void slotsSymmetric(Disk disk, Diagnostics d) {
    Map<String, Partition> first = new HashMap<>();
    for (Partition p : disk.partitions()) {
      if (p.slot().isEmpty() || p.derivedFrom().isPresent()) {
        continue;
      }
      Partition a = first.putIfAbsent(p.name(), p);
      if (a == null) {
        continue;
      }
      boolean sizeDiffers =
          a.size().bytes() != p.size().bytes() || a.size().grow() != p.size().grow();
      if (sizeDiffers) {
        d.add(
            Diagnostic.error(
                    Code.ASYMMETRIC_SLOTS,
                    p.origin().at("size"),
                    "slot `"
                        + p.slot().get()
                        + "` of `"
                        + p.name()
                        + "` is "
                        + describe(p)
                        + " but slot `"
                        + a.slot().get()
                        + "` is "
                        + describe(a))
                .label("differs from slot `" + a.slot().get() + "`")
                .related(a.origin().at("size"), "slot `" + a.slot().get() + "` size")
                .note(
                    "an update writes the image of one slot into the other, so every slot must"
                        + " hold the largest image")
                .help("give every slot the same size"));
      } else if (a.type().kind() != p.type().kind() || a.format() != p.format()) {
        d.add(
            Diagnostic.error(
                    Code.ASYMMETRIC_SLOTS,
                    p.origin().at(a.type().kind() != p.type().kind() ? "type" : "format"),
                    "slot `"
                        + p.slot().get()
                        + "` of `"
                        + p.name()
                        + "` differs in type or file system from slot `"
                        + a.slot().get()
                        + "`")
                .label("differs from slot `" + a.slot().get() + "`")
                .related(a.origin().header(), "slot `" + a.slot().get() + "`")
                .help("slots hold the same image: keep their type and file system the same"));
      }
    }
  }

  private static String describe(Partition p) {
    return p.size().grow() ? "growing" : Sizes.format(p.size().bytes());
  }

  private static void checkPartition(Appliance a, Partition p, Diagnostics d) {
    Kind kind = p.type().kind();
    if (p.type().explicitArch().isPresent()
        && !p.type().explicitArch().get().equals(a.board().arch().id())) {
      d.add(
          Diagnostic.error(
                  Code.TYPE_NOT_FOR_ARCH,
                  p.origin().at("type"),
                  "`"
                      + p.type().id()
                      + "` is a partition type for "
                      + p.type().explicitArch().get()
                      + ", but board `"
                      + a.board().name()
                      + "` is "
                      + a.board().arch().id())
              .label("wrong architecture")
              .related(a.board().origin().at("arch"), "the board's architecture")
              .help(
                  "write `"
                      + p.type().kind().id()
                      + "`: the compiler picks the type for the"
                      + " board's architecture"));
    }
    if ((kind == Kind.ESP || kind == Kind.XBOOTLDR) && p.format() != Filesystem.VFAT) {
      formatMismatch(
          p,
          "an `" + kind.id() + "` partition must be vfat, the firmware reads only" + " FAT",
          "set `format = vfat`",
          d);
    } else if (kind == Kind.SWAP && p.format() != Filesystem.SWAP) {
      formatMismatch(p, "a `swap` partition must have `format = swap`", "set `format = swap`", d);
    } else if (kind != Kind.SWAP && p.format() == Filesystem.SWAP) {
      formatMismatch(
          p,
          "only a `swap` partition can have `format = swap`",
          "set `type = swap`, or choose a file system",
          d);
    } else if (p.format().readOnlyByNature() && p.growFilesystem()) {
      formatMismatch(
          p,
          p.format().id() + " is read-only and cannot grow its file system",
          "remove `grow-filesystem`, or use a writable file system such as ext4",
          d);
    }
    if (!p.subvolumes().isEmpty() && p.format() != Filesystem.BTRFS) {
      d.add(
          Diagnostic.error(
                  Code.SUBVOLUMES_NOT_BTRFS,
                  p.origin().header(),
                  "partition `" + p.name() + "` has subvolumes but is " + p.format().id())
              .label("subvolumes need btrfs")
              .help("set `format = btrfs`, or remove the `subvolume` blocks"));
    }
    long min = kind == Kind.ESP ? MIN_ESP : (p.format() == Filesystem.NONE ? 4096 : 1L << 20);
    if (p.size().bytes() < min) {
      d.add(
          Diagnostic.error(
                  Code.PARTITION_TOO_SMALL,
                  p.origin().at(p.size().grow() ? "min-size" : "size"),
                  "partition `"
                      + p.name()
                      + "` is "
                      + Sizes.format(p.size().bytes())
                      + ", smaller than the "
                      + Sizes.format(min)
                      + " "
                      + (kind == Kind.ESP
                          ? "an ESP"
                          : Words.withArticle(p.format().id()) + " partition")
                      + " needs")
              .label("too small")
              .help("make it at least " + Sizes.format(min)));
    }
  }

  private static void formatMismatch(Partition p, String message, String help, Diagnostics d) {
    d.add(
        Diagnostic.error(Code.FORMAT_NOT_FOR_TYPE, p.origin().at("format"), message)
            .label("does not suit " + Words.withArticle("`" + p.type().id() + "`") + " partition")
            .help(help));
  }
}
