package dev.applc.backends.repart;

import dev.applc.backends.escape.Escape;
import dev.applc.backends.phases.FileSystemLabels;
import dev.applc.backends.template.Templates;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code rootfs/usr/lib/applc/data-disk}: for an appliance whose OS is the UKI's initrd, what
 * systemd-repart does for one on a disk, as a POSIX shell script that needs no systemd (such an OS
 * may run sysvinit). The initrd's {@code /init} runs it at every boot: it loads the modules of
 * {@code kernel { modules }}, waits for the board's storage device, partitions and formats it when
 * it is blank (the first boot) and mounts the partitions that have a mount point. A disk that is
 * not blank is never formatted.
 */
final class DataDiskScript {
  /** The script's path in the output tree; {@code /usr/lib/applc/data-disk} in the image. */
  static final String PATH = "rootfs/usr/lib/applc/data-disk";

  private DataDiskScript() {}

  static void generate(BackendContext ctx) {
    Appliance a = ctx.appliance();
    List<Partition> parts = a.disk().partitions();
    List<Map<String, Object>> rows = new ArrayList<>();
    List<SourceSpan> origins = new ArrayList<>();
    origins.add(a.disk().origin().span());
    for (int i = 0; i < parts.size(); i++) {
      Partition p = parts.get(i);
      boolean last = i == parts.size() - 1;
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("number", i + 1);
      r.put("name", p.name());
      // sfdisk reads a size with a unit suffix as bytes; a partition that grows takes the rest of
      // the disk when it is the last, else its minimum size (the device's size is unknown here).
      String size =
          p.size().grow() && last
              ? ""
              : ", size=" + Math.max(1, (p.size().bytes() + 1023) / 1024) + "KiB";
      r.put(
          "sfdisk",
          "name=\"" + p.label() + "\", type=" + p.typeGuid().toUpperCase(Locale.ROOT) + size);
      mkfs(p).ifPresent(m -> r.put("mkfs", m));
      p.mount()
          .ifPresent(
              mount -> {
                r.put("mount", Escape.shell(mount));
                r.put("fstype", p.format().id());
                if (!p.mountOptions().isEmpty()) {
                  r.put("options", Escape.shell(String.join(",", p.mountOptions())));
                }
              });
      rows.add(r);
      origins.add(p.origin().span());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("appliance", a.name());
    m.put("disk", Escape.shell(a.board().storage()));
    m.put("modules", a.boot().kernel().modules().stream().map(Escape::shell).toList());
    m.put("partitions", rows);
    ctx.out()
        .add(
            PATH,
            Templates.render("repart/data-disk.sh.ftl", m),
            OutputTree.MODE_EXECUTABLE,
            origins);
  }

  /**
   * The command that makes a partition's file system, with the label the build would give it
   * (FileSystemLabels); none for {@code format = none}.
   */
  private static Optional<String> mkfs(Partition p) {
    String label = FileSystemLabels.of(p).map(l -> " -L " + l).orElse("");
    return switch (p.format()) {
      case EXT4 -> Optional.of("mkfs.ext4 -q -F" + label);
      case BTRFS -> Optional.of("mkfs.btrfs -q -f" + label);
      case VFAT -> Optional.of("mkfs.vfat" + label.replace(" -L ", " -n "));
      case XFS ->
          Optional.of(
              "mkfs.xfs -q -f"
                  + (p.label().length() <= 12 ? " -L " + Escape.shell(p.label()) : ""));
      case SWAP -> Optional.of("mkswap -L " + Escape.shell(p.label()));
      default -> Optional.empty();
    };
  }
}
