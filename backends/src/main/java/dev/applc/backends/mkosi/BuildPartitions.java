package dev.applc.backends.mkosi;

import dev.applc.backends.escape.Escape;
import dev.applc.backends.template.Templates;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.Partition.Contents;
import dev.applc.compiler.model.Partition.Filesystem;
import dev.applc.compiler.model.PartitionType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The build-time partition definitions ({@code mkosi/mkosi.repart/}): what systemd-repart puts into
 * the image mkosi builds. They describe the first slot only, with its verity hash and signature
 * tied together by {@code VerityMatchKey=}; the other slots and the empty partitions are made on
 * the device by the first-boot definitions in {@code /usr/lib/repart.d}, which pair with these by
 * type and order. File names are those of the first-boot definitions, so the two sets sort alike.
 *
 * <p>Only keys the target's systemd-repart knows are written: no {@code Minimize=} (253), {@code
 * ExcludeFiles=} from 254, {@code Subvolumes=} from 255, {@code DefaultSubvolume=} from 256; sizes
 * are fixed as the spec gives them, which is also what lets the first-boot definitions pair with
 * the partitions without growing them.
 */
final class BuildPartitions {
  static final String DIR = MkosiBackend.DIR + "/mkosi.repart";

  static final int EXCLUDE_FILES_SINCE = 254;
  static final int SUBVOLUMES_SINCE = 255;
  static final int DEFAULT_SUBVOLUME_SINCE = 256;

  /** Mount points that can stand in {@code CopyFiles=SRC:DST} and {@code ExtraTrees=} as is. */
  static final Pattern PLAIN_PATH = Pattern.compile("(/[A-Za-z0-9_.@+-]+)+");

  private BuildPartitions() {}

  static void write(BackendContext ctx, Dialect dialect, ImageLayout layout) {
    Appliance a = ctx.appliance();
    List<Partition> parts = a.disk().partitions();
    int width = parts.size() > 10 ? 3 : 2;
    for (int i = 0; i < parts.size(); i++) {
      Partition p = parts.get(i);
      if (!layout.built(p) || !fillable(ctx, p)) {
        continue;
      }
      String name = String.format(Locale.ROOT, "%0" + width + "d-%s.conf", i * 10, p.id());
      ctx.out()
          .add(
              DIR + "/" + name,
              Templates.render("mkosi/repart.conf.ftl", definition(ctx, dialect, layout, p)),
              OutputTree.MODE_FILE,
              List.of(p.origin().span()));
    }
  }

  /** Whether the build can fill the partition; reports the ones it leaves to first boot. */
  static boolean fillable(BackendContext ctx, Partition p) {
    Contents c = p.contents();
    if (c.kind() == Contents.Kind.COPY) {
      degraded(
          ctx,
          p,
          "the mkosi tree cannot copy an image file into `" + p.name() + "`",
          "systemd-repart copies blocks from files of the image tree only; the partition is made"
              + " empty on first boot instead");
      return false;
    }
    if (c.kind() == Contents.Kind.FILES && !p.mount().map(filesMount()::test).orElse(false)) {
      degraded(
          ctx,
          p,
          "the mkosi tree cannot fill `" + p.name() + "` from a folder without a plain mount point",
          "mkosi puts the folder into the image tree at the partition's mount point and"
              + " systemd-repart copies it from there; the partition is made empty on first boot"
              + " instead");
      return false;
    }
    return true;
  }

  static java.util.function.Predicate<String> filesMount() {
    return m -> PLAIN_PATH.matcher(m).matches();
  }

  private static void degraded(BackendContext ctx, Partition p, String message, String note) {
    ctx.diagnostics()
        .add(
            Diagnostic.error(Code.TARGET_DEGRADED, p.origin().at("contents"), message)
                .label("contents asked here")
                .note(note)
                .help("give the partition a plain `mount` path, or fill it on the device"));
  }

  private static Map<String, Object> definition(
      BackendContext ctx, Dialect dialect, ImageLayout layout, Partition p) {
    Appliance a = ctx.appliance();
    int systemd = ctx.target().systemd();
    List<String> notes = new ArrayList<>();
    List<Map<String, String>> entries = new ArrayList<>();
    entry(entries, "Type", p.type().idFor(a.board().arch()));
    entry(entries, "Label", Escape.specifiers(SysupdateOutputs.label(a, p)));
    Contents.Kind kind = p.contents().kind();
    PartitionType.Kind type = p.type().kind();
    Filesystem format = layout.format(p);
    if (kind != Contents.Kind.VERITY && format != Filesystem.NONE) {
      entry(entries, "Format", format.id());
    }
    switch (kind) {
      case BOOT -> {
        entry(entries, "CopyFiles", "/boot:/");
        entry(entries, "CopyFiles", "/efi:/");
      }
      case USR -> entry(entries, "CopyFiles", "/usr:/");
      case OS -> os(ctx, layout, p, entries, notes);
      case FILES -> entry(entries, "CopyFiles", Escape.specifiers(p.mount().orElseThrow()) + ":/");
      default -> {}
    }
    if (type.isVerityHash() || type.isVeritySignature()) {
      entry(entries, "Verity", type.isVerityHash() ? "hash" : "signature");
      layout.dataOf(p).ifPresent(d -> entry(entries, "VerityMatchKey", d.name()));
    } else if (p.verity().enabled()) {
      entry(entries, "Verity", "data");
      entry(entries, "VerityMatchKey", p.name());
    }
    // repart sizes a signature partition itself (and refuses sizes for it).
    if (!type.isVeritySignature()) {
      entry(entries, "SizeMinBytes", Long.toString(p.size().bytes()));
      if (!p.size().grow()) {
        entry(entries, "SizeMaxBytes", Long.toString(p.size().bytes()));
      }
    }
    if (p.readOnly() && !type.isVerityHash() && !type.isVeritySignature()) {
      entry(entries, "ReadOnly", "yes");
    }
    if (p.growFilesystem()) {
      entry(entries, "GrowFileSystem", "yes");
    }
    if (SysupdateOutputs.applies(a)) {
      // SplitArtifacts=partitions: repart writes OUTPUT.SPLITNAME.raw, by default for every
      // partition (%t); the update's files only, under the names the transfers look for.
      entry(entries, "SplitName", SysupdateOutputs.splitName(p));
      if (p.slot().isPresent()) {
        notes.add(
            "Labelled as the installed version, which systemd-sysupdate finds by its label; split"
                + " out as the update's file of this partition.");
      }
    }
    if (p.encryption().isPresent()) {
      notes.add(
          "LUKS2 encryption is set up on the device, where its TPM2 or key is: the build writes"
              + " the file system unencrypted.");
    }
    if (!p.subvolumes().isEmpty() && systemd < SUBVOLUMES_SINCE) {
      notes.add(
          "systemd-repart " + systemd + " makes no btrfs subvolumes (" + SUBVOLUMES_SINCE + ").");
    }
    if (dialect == Dialect.V14) {
      notes.add(
          "mkosi 14 lays out its own image (see Format= in ../mkosi.conf) and does not read"
              + " this folder;");
      notes.add(
          "it is the same layout for systemd-repart "
              + systemd
              + " (--definitions=mkosi.repart --root=TREE) and for mkosi 15 or later.");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("id", p.id());
    m.put("slot", p.slot().orElse(""));
    m.put("notes", notes);
    m.put("entries", entries);
    return m;
  }

  /** The OS tree: all of it, or into the subvolume that is mounted at /. */
  private static void os(
      BackendContext ctx,
      ImageLayout layout,
      Partition p,
      List<Map<String, String>> entries,
      List<String> notes) {
    int systemd = ctx.target().systemd();
    Optional<Partition.Subvolume> rootVolume =
        p.subvolumes().stream().filter(s -> s.mount().equals(Optional.of("/"))).findFirst();
    if (rootVolume.isPresent() && systemd >= SUBVOLUMES_SINCE) {
      entry(entries, "CopyFiles", "/:/" + Escape.specifiers(rootVolume.get().name()));
    } else {
      entry(entries, "CopyFiles", "/");
    }
    if (systemd >= SUBVOLUMES_SINCE && !p.subvolumes().isEmpty()) {
      entry(
          entries,
          "Subvolumes",
          String.join(
              " ", p.subvolumes().stream().map(s -> "/" + Escape.specifiers(s.name())).toList()));
      if (systemd >= DEFAULT_SUBVOLUME_SINCE) {
        p.subvolumes().stream()
            .filter(Partition.Subvolume::isDefault)
            .findFirst()
            .ifPresent(s -> entry(entries, "DefaultSubvolume", "/" + Escape.specifiers(s.name())));
      }
    }
    // What other partitions of the image hold stays out of this one, where repart can say so.
    List<String> elsewhere = new ArrayList<>();
    for (Partition q : layout.builtPartitions()) {
      if (q.contents().kind() == Contents.Kind.USR) {
        elsewhere.add("/usr/");
      } else if (q.contents().kind() == Contents.Kind.FILES && q.mount().isPresent()) {
        elsewhere.add(Escape.specifiers(q.mount().get()) + "/");
      }
    }
    if (!elsewhere.isEmpty()) {
      if (systemd >= EXCLUDE_FILES_SINCE) {
        elsewhere.forEach(e -> entry(entries, "ExcludeFiles", e));
      } else {
        notes.add(
            "systemd-repart "
                + systemd
                + " cannot exclude "
                + String.join(" ", elsewhere)
                + " (ExcludeFiles=, "
                + EXCLUDE_FILES_SINCE
                + "): this partition holds a copy too.");
      }
    }
  }

  private static void entry(List<Map<String, String>> entries, String key, String value) {
    Map<String, String> e = new LinkedHashMap<>();
    e.put("key", key);
    e.put("value", value);
    entries.add(e);
  }
}
