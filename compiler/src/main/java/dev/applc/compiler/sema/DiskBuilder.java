package dev.applc.compiler.sema;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.model.Board;
import dev.applc.compiler.model.Disk;
import dev.applc.compiler.model.Origin;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.Partition.Contents;
import dev.applc.compiler.model.Partition.Filesystem;
import dev.applc.compiler.model.Partition.Verity;
import dev.applc.compiler.model.PartitionType;
import dev.applc.compiler.model.PartitionType.Kind;
import dev.applc.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link Disk}: expands A/B slots, derives verity hash and signature partitions, applies
 * defaults, and lays the partitions out on the image (offsets, grow shares).
 */
final class DiskBuilder {
  /** The smallest size of a partition that grows, unless the spec says otherwise. */
  static final long DEFAULT_MIN_GROW = 16L << 20;

  /** Verity signature partitions hold a small JSON document padded to 4 KiB. */
  static final long VERITY_SIG_SIZE = 16L << 10;

  private static final long SECTOR_ROUNDING = 4096;

  private final Diagnostics diagnostics;
  private final Board board;

  DiskBuilder(Diagnostics diagnostics, Board board) {
    this.diagnostics = diagnostics;
    this.board = board;
  }

  Disk build(Node disk) {
    List<Partition> drafts = new ArrayList<>();
    List<String> slotNames = new ArrayList<>();
    Map<String, SourceSpan> names = new HashMap<>();
    for (Node child : disk.children()) {
      if (child.kind().equals("partition")) {
        declareName(child, names);
        addPartition(drafts, child, Optional.empty(), true);
      } else if (child.kind().equals("slots")) {
        slotNames.addAll(expandSlots(child, drafts, names));
      }
    }
    return layout(disk, drafts, slotNames);
  }

  private void declareName(Node partition, Map<String, SourceSpan> names) {
    SourceSpan earlier = names.putIfAbsent(partition.name(), partition.header());
    if (earlier != null) {
      diagnostics.add(
          Diagnostic.error(
                  Code.DUPLICATE_NAME,
                  partition.header(),
                  "`partition " + partition.name() + "` is defined twice")
              .label("defined again here")
              .related(earlier, "first defined here")
              .help(
                  "give each partition its own name; slotted partitions are named once for"
                      + " all slots"));
    }
  }

  private List<String> expandSlots(Node slots, List<Partition> out, Map<String, SourceSpan> names) {
    List<String> slotNames = new ArrayList<>();
    Map<String, SourceSpan> seen = new HashMap<>();
    for (Val v : slots.labels().isEmpty() ? List.<Val>of() : labelItems(slots.labels().get(0))) {
      String name = Props.textOf(v).orElse("");
      if (seen.putIfAbsent(name, v.span()) != null) {
        diagnostics.add(
            Diagnostic.error(Code.BAD_SLOTS, v.span(), "slot `" + name + "` is listed twice")
                .label("listed again")
                .related(seen.get(name), "first listed here")
                .help("give each slot its own name, such as `[a, b]`"));
        continue;
      }
      slotNames.add(name);
    }
    if (slotNames.size() < 2 && !slots.labels().isEmpty()) {
      diagnostics.add(
          Diagnostic.error(
                  Code.BAD_SLOTS,
                  slots.labels().get(0).span(),
                  "A/B slots need at least" + " two slot names")
              .label(slotNames.size() + " slot" + (slotNames.size() == 1 ? "" : "s"))
              .help("name the slots, such as `slots [a, b] { ... }`"));
    }
    List<Node> partitions = slots.children("partition");
    partitions.forEach(p -> declareName(p, names));
    Map<String, Map<String, Node>> overrides = new LinkedHashMap<>();
    for (Node slot : slots.children("slot")) {
      if (!slotNames.contains(slot.name())) {
        diagnostics.add(
            Diagnostic.error(
                    Code.UNDEFINED_REFERENCE,
                    slot.header(),
                    "there is no slot `" + slot.name() + "`")
                .label("not one of the slots")
                .help(
                    "the slots are "
                        + String.join(", ", slotNames.stream().map(s -> "`" + s + "`").toList())));
        continue;
      }
      Map<String, Node> byName = new LinkedHashMap<>();
      for (Node p : slot.children("partition")) {
        if (partitions.stream().noneMatch(q -> q.name().equals(p.name()))) {
          diagnostics.add(
              Diagnostic.error(
                      Code.UNDEFINED_REFERENCE,
                      p.header(),
                      "there is no slotted" + " partition `" + p.name() + "`")
                  .label("not a partition of these slots")
                  .help("a `slot` block changes partitions declared in its `slots` block"));
          continue;
        }
        byName.put(p.name(), p);
      }
      overrides.put(slot.name(), byName);
    }
    for (int i = 0; i < slotNames.size(); i++) {
      String slot = slotNames.get(i);
      for (Node p : partitions) {
        Node override = overrides.getOrDefault(slot, Map.of()).get(p.name());
        Node effective = override == null ? p : Merger.merge(p, override);
        // A later slot starts empty (updates fill it) unless its own block says otherwise.
        boolean ownContents = override != null && override.written().contains("contents");
        addPartition(out, effective, Optional.of(slot), i == 0 || ownContents);
      }
    }
    return slotNames;
  }

  private static List<Val> labelItems(Val v) {
    return v instanceof Val.Items items ? items.items() : List.of(v);
  }

  private void addPartition(List<Partition> out, Node n, Optional<String> slot, boolean firstSlot) {
    Optional<PartitionType> parsed = Props.text(n, "type").flatMap(PartitionType::parse);
    if (parsed.isEmpty()) {
      return; // Missing or wrong type: reported by the checker.
    }
    PartitionType type = parsed.get();
    if (type.kind().isVerityHash() || type.kind().isVeritySignature()) {
      diagnostics.add(
          Diagnostic.error(
                  Code.VERITY_NOT_ALLOWED,
                  n.at("type"),
                  "verity partitions are derived," + " not declared")
              .label("`" + type.id() + "` is made by the compiler")
              .help(
                  "remove this partition and set `verity = on` (or `signed(KEY)`) on the"
                      + " `root` or `usr` partition it protects"));
      return;
    }
    String id = slot.map(s -> n.name() + "-" + s).orElse(n.name());
    Partition.Size size = size(n);
    Filesystem format =
        Props.text(n, "format")
            .map(f -> Filesystem.valueOf(f.toUpperCase(Locale.ROOT)))
            .orElse(defaultFormat(type.kind()));
    String label = label(n, slot);
    Verity verity = verity(n);
    Contents contents = contents(n, type.kind(), firstSlot);
    boolean readOnly = Props.bool(n, "read-only", verity.enabled() || format.readOnlyByNature());
    boolean growFs = Props.bool(n, "grow-filesystem", size.grow() && !readOnly);
    Optional<Partition.Encryption> encryption = n.child("encryption").map(DiskBuilder::encryption);
    List<Partition.Subvolume> subvolumes = new ArrayList<>();
    for (Node s : n.children("subvolume")) {
      subvolumes.add(
          new Partition.Subvolume(
              s.name(), Props.text(s, "mount"), Props.bool(s, "default", false)));
    }
    Origin origin = Props.origin(n);
    Partition data =
        new Partition(
            id,
            n.name(),
            slot,
            Optional.empty(),
            type,
            type.guid(board.arch()).orElse(""),
            size,
            label,
            format,
            readOnly,
            growFs,
            verity,
            contents,
            Props.text(n, "mount"),
            Props.texts(n, "mount-options"),
            Props.bool(n, "factory-reset", false),
            encryption,
            subvolumes,
            0,
            0,
            origin);
    out.add(data);
    if (verity.enabled() && type.kind().isVerityData()) {
      long hashSize = Props.bytes(n, "verity-size").orElse(defaultVeritySize(size.bytes()));
      out.add(derived(data, "-verity", type.verityHash(), hashSize, origin));
      if (verity.mode() == Verity.Mode.SIGNED) {
        out.add(derived(data, "-verity-sig", type.veritySignature(), VERITY_SIG_SIZE, origin));
      }
    }
  }

  /** A verity hash tree needs about 1/127 of the data (SHA-256, 4 KiB blocks), plus headroom. */
  static long defaultVeritySize(long dataBytes) {
    long tree = (dataBytes + 126) / 127 + (64L << 10);
    return roundUp(tree, 1L << 20);
  }

  private Partition derived(
      Partition data, String suffix, PartitionType type, long bytes, Origin origin) {
    return new Partition(
        data.id() + suffix,
        data.name() + suffix,
        data.slot(),
        Optional.of(data.id()),
        type,
        type.guid(board.arch()).orElse(""),
        new Partition.Size(roundUp(bytes, SECTOR_ROUNDING), false),
        data.label() + suffix,
        Filesystem.NONE,
        true,
        false,
        Verity.OFF,
        data.contents().kind() == Contents.Kind.EMPTY
            ? Contents.of(Contents.Kind.EMPTY)
            : Contents.of(Contents.Kind.VERITY),
        Optional.empty(),
        List.of(),
        false,
        Optional.empty(),
        List.of(),
        0,
        0,
        new Origin(origin.at("verity"), origin.at("verity"), Map.of()));
  }

  private static Partition.Size size(Node n) {
    Optional<Val> v = n.value("size");
    if (v.isPresent() && v.get() instanceof Val.Bytes b) {
      return new Partition.Size(roundUp(b.value(), SECTOR_ROUNDING), false);
    }
    long min = Props.bytes(n, "min-size").orElse(DEFAULT_MIN_GROW);
    return new Partition.Size(roundUp(min, SECTOR_ROUNDING), true);
  }

  static Filesystem defaultFormat(Kind kind) {
    return switch (kind) {
      case ESP, XBOOTLDR -> Filesystem.VFAT;
      case SWAP -> Filesystem.SWAP;
      default -> Filesystem.EXT4;
    };
  }

  private String label(Node n, Optional<String> slot) {
    Optional<String> written = Props.text(n, "label");
    if (written.isPresent()) {
      if (slot.isEmpty() && written.get().contains("{slot}")) {
        diagnostics.add(
            Diagnostic.error(
                    Code.BAD_SLOTS,
                    n.at("label"),
                    "`{slot}` in the label of `" + n.name() + "`, which is not in `slots`")
                .label("no slot to name")
                .help("remove `{slot}`, or move the partition into `slots [a, b] { ... }`"));
      }
      return written.get().replace("{slot}", slot.orElse(""));
    }
    return slot.map(s -> n.name() + "-" + s).orElse(n.name());
  }

  private Verity verity(Node n) {
    Optional<Val> v = n.value("verity");
    if (v.isEmpty()) {
      return Verity.OFF;
    }
    if (v.get() instanceof Val.Call call) {
      String key = Props.textOf(call.arguments().get(0)).orElse("");
      return new Verity(Verity.Mode.SIGNED, Optional.of(key));
    }
    String mode = Props.textOf(v.get()).orElse("off");
    return switch (mode) {
      case "on" -> new Verity(Verity.Mode.ON, Optional.empty());
      case "signed" -> new Verity(Verity.Mode.SIGNED, Optional.empty());
      default -> Verity.OFF;
    };
  }

  private static Contents contents(Node n, Kind kind, boolean firstSlot) {
    Optional<Val> v = n.value("contents");
    if (!firstSlot) {
      // Later slots start empty: updates write them.
      return Contents.of(Contents.Kind.EMPTY);
    }
    if (v.isPresent() && v.get() instanceof Val.Call call) {
      String path = Props.textOf(call.arguments().get(0)).orElse("");
      Contents.Kind k = call.function().equals("copy") ? Contents.Kind.COPY : Contents.Kind.FILES;
      return new Contents(k, Optional.of(path));
    }
    if (v.isPresent()) {
      String word = Props.textOf(v.get()).orElse("empty");
      return Contents.of(Contents.Kind.valueOf(word.toUpperCase(Locale.ROOT)));
    }
    return switch (kind) {
      case ROOT -> Contents.of(Contents.Kind.OS);
      case USR -> Contents.of(Contents.Kind.USR);
      case ESP -> Contents.of(Contents.Kind.BOOT);
      default -> Contents.of(Contents.Kind.EMPTY);
    };
  }

  private static Partition.Encryption encryption(Node e) {
    List<Integer> pcrs = new ArrayList<>();
    for (Val v : Props.items(e, "tpm2-pcrs")) {
      if (v instanceof Val.Int i) {
        pcrs.add((int) i.value());
      }
    }
    List<String> unlock = Props.texts(e, "unlock");
    if (pcrs.isEmpty() && unlock.contains("tpm2")) {
      pcrs.add(7);
    }
    return new Partition.Encryption(
        unlock, Props.text(e, "key-file"), Props.text(e, "passphrase", "prompt"), pcrs);
  }

  /** Places partitions on 1 MiB boundaries and shares a declared disk size among growers. */
  private Disk layout(Node disk, List<Partition> parts, List<String> slotNames) {
    long start = Props.bytes(disk, "start").orElse(defaultStart());
    long end = roundUp(start, Disk.ALIGNMENT);
    for (Partition p : parts) {
      end = roundUp(end, Disk.ALIGNMENT) + p.size().bytes();
    }
    long minimal = roundUp(end, Disk.ALIGNMENT) + Disk.BACKUP_GPT;
    Optional<Long> declared = Props.bytes(disk, "size");
    long extraPerGrower = 0;
    long growers = parts.stream().filter(p -> p.size().grow()).count();
    if (declared.isPresent() && declared.get() > minimal && growers > 0) {
      extraPerGrower = (declared.get() - minimal) / growers / Disk.ALIGNMENT * Disk.ALIGNMENT;
    }
    List<Partition> placed = new ArrayList<>();
    long offset = roundUp(start, Disk.ALIGNMENT);
    for (Partition p : parts) {
      offset = roundUp(offset, Disk.ALIGNMENT);
      long allocated = p.size().bytes() + (p.size().grow() ? extraPerGrower : 0);
      placed.add(withPlace(p, offset, allocated));
      offset += allocated;
    }
    long size = declared.orElse(minimal);
    return new Disk(declared, size, start, placed, slotNames, Props.origin(disk));
  }

  private long defaultStart() {
    long start = Disk.ALIGNMENT;
    // Only an environment on the boot disk itself keeps the first partition away.
    if (board.ubootEnv().isPresent() && board.ubootEnv().get().device().equals(board.storage())) {
      Board.UbootEnv env = board.ubootEnv().get();
      long last = env.offset() + env.size();
      if (env.redundantOffset().isPresent()) {
        last = Math.max(last, env.redundantOffset().get() + env.size());
      }
      start = Math.max(start, roundUp(last, Disk.ALIGNMENT));
    }
    return start;
  }

  private static Partition withPlace(Partition p, long offset, long allocated) {
    return new Partition(
        p.id(),
        p.name(),
        p.slot(),
        p.derivedFrom(),
        p.type(),
        p.typeGuid(),
        p.size(),
        p.label(),
        p.format(),
        p.readOnly(),
        p.growFilesystem(),
        p.verity(),
        p.contents(),
        p.mount(),
        p.mountOptions(),
        p.factoryReset(),
        p.encryption(),
        p.subvolumes(),
        offset,
        allocated,
        p.origin());
  }

  static long roundUp(long value, long unit) {
    return (value + unit - 1) / unit * unit;
  }
}
