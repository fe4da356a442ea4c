package dev.applc.backends.phases;

import dev.applc.backends.escape.Escape;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Disk;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.Partition.Contents.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code 80-disk}: the GPT disk image, laid out by systemd-repart from the images, each partition
 * where the model (and {@code applc show}) places it.
 */
final class DiskPhase {
  /** The sector size of the partition table the build writes. */
  private static final long SECTOR = 512;

  private DiskPhase() {}

  static Optional<Phase> build(PhaseContext c) {
    Appliance a = c.appliance();
    Layout layout = c.layout();
    List<Map<String, Object>> rows = new ArrayList<>();
    List<Phase.Input> inputs = new ArrayList<>();
    int n = 0;
    List<Partition> onDisk = layout.partitions().stream().filter(layout::onDisk).toList();
    for (int i = 0; i < onDisk.size(); i++) {
      Partition p = onDisk.get(i);
      List<String> lines = new ArrayList<>();
      lines.add(Escape.shell("Type=" + p.typeGuid()));
      lines.add(Escape.shell("Label=" + layout.diskLabel(p).replace("%", "%%")));
      boolean filled = layout.filled(p);
      Optional<String> uuidVar = filled ? layout.rootHashUuid(p) : Optional.empty();
      if (uuidVar.isPresent()) {
        lines.add("\"UUID=" + uuidVar.get() + "\"");
      } else if (filled) {
        lines.add(Escape.shell("UUID=" + layout.uuid("partition:" + layout.builtName(p))));
      }
      lines.add(Escape.shell("SizeMinBytes=" + p.allocated()));
      lines.add(Escape.shell("SizeMaxBytes=" + p.allocated()));
      // systemd-repart places a partition right after the one before (4K grain), while the model
      // starts each on its own 1M boundary (and leaves room for partitions made on the device):
      // padding after a partition puts the next one where `applc show` says it is.
      if (i + 1 < onDisk.size()) {
        long gap = onDisk.get(i + 1).offset() - p.end();
        if (gap > 0) {
          lines.add(Escape.shell("PaddingMinBytes=" + gap));
          lines.add(Escape.shell("PaddingMaxBytes=" + gap));
        }
      }
      if (p.readOnly()) {
        lines.add(Escape.shell("ReadOnly=yes"));
      }
      if (p.slot().isPresent() && !layout.firstSlot(p)) {
        lines.add(Escape.shell("NoAuto=yes"));
      }
      if (filled) {
        if (p.contents().kind() == Kind.COPY) {
          String path = p.contents().path().orElse("");
          lines.add("\"CopyBlocks=$SPEC_DIR/\"" + Escape.shell(path));
          inputs.add(new Phase.Input(Phase.Root.SPEC, path));
        } else if (p.contents().kind() == Kind.VERITY
            && p.type().kind().isVeritySignature()
            && !PhaseKeys.signsVerity(a, layout.dataOf(p))) {
          // no key to sign with: the signature partition stays blank
        } else {
          lines.add("\"CopyBlocks=$WORK/\"" + Escape.shell(layout.imageFile(p)));
        }
      }
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("file", Escape.shell(String.format(Locale.ROOT, "%02d-%s.conf", n * 10, p.id())));
      r.put("lines", lines);
      rows.add(r);
      n++;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hashes", RootHashes.of(c));
    m.put("partitions", rows);
    m.put("seed", layout.seed().toString());
    m.put("disk", Escape.shell(layout.diskFile()));
    // systemd-repart starts at the first 1M boundary of a new partition table; a disk that starts
    // later (after a u-boot environment) gets an empty table whose first usable sector is there.
    if (!onDisk.isEmpty() && onDisk.get(0).offset() != Disk.ALIGNMENT) {
      long end = onDisk.get(onDisk.size() - 1).end();
      m.put("firstLba", onDisk.get(0).offset() / SECTOR);
      m.put("start", onDisk.get(0).offset());
      m.put("size", (end + Disk.ALIGNMENT - 1) / Disk.ALIGNMENT * Disk.ALIGNMENT + Disk.BACKUP_GPT);
      m.put("labelId", layout.uuid("disk").toString());
    }
    return Optional.of(
        PhaseScript.render(
            c.ctx(),
            "80-disk",
            "the GPT disk image, laid out by systemd-repart from the images.",
            List.of(
                "Later slots are left blank for updates; encrypted partitions are created by"
                    + " systemd-repart on the device."),
            "disk",
            m,
            inputs,
            List.of(layout.diskFile()),
            false,
            List.of(a.disk().origin().span())));
  }
}
