package dev.applc.backends.phases;

import dev.applc.backends.escape.Escape;
import dev.applc.backends.systemd.InPlaceEncryption;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Arch;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.Partition.Contents.Kind;
import dev.applc.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code 60-images}: the file system images of the partitions the build fills (the ESP and copied
 * partitions excepted: their own phase and the spec's files). An encrypted partition that must hold
 * contents, or a file system that cannot be made without mounting, makes the phase fail with a
 * message instead.
 */
final class ImagesPhase {
  private ImagesPhase() {}

  static Optional<Phase> build(PhaseContext c) {
    Appliance a = c.appliance();
    Layout layout = c.layout();
    List<Map<String, Object>> entries = new ArrayList<>();
    List<String> artifacts = new ArrayList<>();
    List<Phase.Input> inputs = new ArrayList<>();
    List<SourceSpan> origins = new ArrayList<>();
    boolean needsInRoot = false;
    for (Partition p : layout.partitions()) {
      if (!layout.firstSlot(p) || p.contents().kind() == Kind.VERITY) {
        continue;
      }
      Kind kind = p.contents().kind();
      if (kind == Kind.BOOT || kind == Kind.COPY) {
        continue; // the ESP phase, and files of the spec used as they are
      }
      if (p.encryption().isPresent() && !layout.encryptedInPlace(p)) {
        if (kind == Kind.OS || kind == Kind.USR || kind == Kind.FILES) {
          Map<String, Object> e = entry(p, "encrypted, with contents");
          e.put(
              "fail",
              Escape.shell(
                  "partition "
                      + p.id()
                      + " is encrypted and must hold the "
                      + (kind == Kind.FILES ? "spec's files" : "operating system")
                      + ": the build writes it plain and the initrd encrypts it on the first"
                      + " boot, which needs a systemd initrd: initrd { generator = dracut }"));
          entries.add(e);
          origins.add(p.origin().span());
        }
        continue;
      }
      if (!layout.filled(p)) {
        continue;
      }
      String source =
          switch (kind) {
            case OS -> "\"$rootfs\"";
            case USR -> "\"$rootfs/usr\"";
            case FILES -> "\"$SPEC_DIR\"/" + Escape.shell(p.contents().path().orElse(""));
            default -> null;
          };
      if (kind == Kind.FILES) {
        inputs.add(new Phase.Input(Phase.Root.SPEC, p.contents().path().orElse("")));
      }
      Map<String, Object> e = entry(p, what(p));
      e.put("kind", p.format().id());
      e.put("file", Escape.shell(layout.imageFile(p)));
      if (source != null) {
        e.put("source", source);
      }
      if (kind == Kind.FILES) {
        e.put("fromSpec", true); // stamped in a copy: the phase leaves the spec's folder alone
      }
      long size = kind == Kind.EMPTY && p.size().grow() ? p.size().bytes() : p.allocated();
      if (layout.encryptedInPlace(p)) {
        // The first boot moves the file system to make room for the LUKS2 header in front.
        size -= InPlaceEncryption.HEADER_ROOM;
        e.put("what", what(p) + ", encrypted in place on the first boot");
      }
      if (p.format() == Partition.Filesystem.BTRFS && !p.subvolumes().isEmpty()) {
        e.put("subvolumes", subvolumes(p));
        e.put("loader", Escape.shell(loader(a.board().arch())));
        e.put("libraries", Escape.shell("/usr/lib/" + triplet(a.board().arch())));
        needsInRoot = true;
      }
      e.put("size", size);
      e.put("kib", size / 1024);
      e.put("max", p.allocated());
      e.put("uuid", Escape.shell(layout.uuid(p.name()).toString()));
      e.put("volumeId", Escape.shell(layout.uuid(p.name()).toString().substring(0, 8)));
      FileSystemLabels.of(p).ifPresent(l -> e.put("label", l));
      e.put("compression", Compression.mkfsOptions(p.format(), a.build().compression()));
      switch (p.format()) {
        case SQUASHFS, EROFS, EXT4, VFAT, BTRFS, SWAP -> {}
        default ->
            e.put(
                "fail",
                Escape.shell(
                    "applc build cannot make a "
                        + p.format().id()
                        + " file system without mounting it (partition "
                        + p.id()
                        + ")"));
      }
      entries.add(e);
      origins.add(p.origin().span());
      if (kind == Kind.OS || kind == Kind.USR) {
        artifacts.add(layout.imageFile(p));
        e.put("osImage", true);
      }
    }
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    if (needsInRoot) {
      m.put("needsInRoot", true);
    }
    entries.stream()
        .filter(e -> e.containsKey("fail"))
        .findFirst()
        .ifPresent(e -> m.put("fail", e.get("fail")));
    m.put("entries", m.containsKey("fail") ? List.of() : entries);
    SizeBudget.put(a, m);
    return Optional.of(
        PhaseScript.render(
            c.ctx(),
            "60-images",
            "the file system images of the partitions the build fills.",
            List.of(),
            "images",
            m,
            inputs,
            artifacts,
            false,
            origins));
  }

  /**
   * The subvolumes as folders of the tree mkfs.btrfs copies: the one mounted at / (or else the
   * default one) holds the root file system.
   */
  private static List<Map<String, Object>> subvolumes(Partition p) {
    boolean hasRootMount =
        p.subvolumes().stream().anyMatch(v -> v.mount().equals(Optional.of("/")));
    List<Map<String, Object>> out = new ArrayList<>();
    for (Partition.Subvolume v : p.subvolumes()) {
      boolean root =
          p.contents().kind() == Kind.OS
              && (hasRootMount ? v.mount().equals(Optional.of("/")) : v.isDefault());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", Escape.shell(v.name()));
      m.put("type", v.isDefault() ? "default" : "rw");
      m.put("root", root);
      out.add(m);
    }
    return out;
  }

  /** The dynamic loader of the image's architecture, to run the image's own tools here. */
  private static String loader(Arch arch) {
    return switch (arch) {
      case X86_64 -> "/usr/lib64/ld-linux-x86-64.so.2";
      case ARM64 -> "/usr/lib/ld-linux-aarch64.so.1";
    };
  }

  private static String triplet(Arch arch) {
    return switch (arch) {
      case X86_64 -> "x86_64-linux-gnu";
      case ARM64 -> "aarch64-linux-gnu";
    };
  }

  private static String what(Partition p) {
    return switch (p.contents().kind()) {
      case OS -> "the root file system as " + p.format().id();
      case USR -> "the root file system's /usr as " + p.format().id();
      case FILES ->
          "the spec's folder " + p.contents().path().orElse("") + " as " + p.format().id();
      default -> "an empty " + p.format().id() + " file system";
    };
  }

  private static Map<String, Object> entry(Partition p, String what) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("partition", "`" + p.id() + "`");
    e.put("partitionWord", Escape.shell(p.id()));
    e.put("what", what);
    return e;
  }
}
