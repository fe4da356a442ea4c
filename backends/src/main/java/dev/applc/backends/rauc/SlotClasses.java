package dev.applc.backends.rauc;

import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.Partition.Contents;
import dev.applc.compiler.model.PartitionType.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The RAUC slots of an appliance: one class per slotted partition (its verity hash and signature
 * partitions are classes of their own), one slot per copy. In each slot group one class is bootable
 * and carries the bootname; every other class names it as {@code parent}, so that RAUC writes and
 * activates the group together.
 */
public final class SlotClasses {
  private SlotClasses() {}

  /** One partition copy as a RAUC slot: {@code [slot.CLASS.INDEX]}. */
  public record Slot(
      String className,
      int index,
      Partition partition,
      Optional<String> bootname,
      Optional<String> parent) {
    public String section() {
      return "slot." + className + "." + index;
    }
  }

  /**
   * A slot class: its RAUC slot type, the image a bundle carries for it (none when the build puts
   * nothing in the partition), and its slots in slot order.
   */
  public record SlotClass(
      String name, String type, boolean bootable, Optional<String> image, List<Slot> slots) {
    public SlotClass {
      slots = List.copyOf(slots);
    }
  }

  /** The bootname RAUC and the boot loader use for a slot: its name in upper case. */
  public static String bootname(String slotName) {
    return slotName.toUpperCase(Locale.ROOT);
  }

  /**
   * The slot class of a partition copy: the partition's name without the slot, which for verity
   * partitions already says which part they hold ({@code root-verity}, {@code root-verity-sig}).
   */
  public static String className(Partition p) {
    if (p.derivedFrom().isEmpty()) {
      return p.name();
    }
    String suffix = p.type().kind().isVeritySignature() ? "-verity-sig" : "-verity";
    return p.name().endsWith(suffix) ? p.name() : p.name() + suffix;
  }

  /** RAUC's slot type for a file system: what RAUC may assume about the partition's content. */
  static String slotType(Partition.Filesystem format) {
    return switch (format) {
      case EXT4 -> "ext4";
      case VFAT -> "vfat";
      default -> "raw";
    };
  }

  /** The classes in disk order of their first partition. */
  public static List<SlotClass> of(Appliance a, RaucBootloader bootloader) {
    List<String> slotNames = a.disk().slotNames();
    Map<String, List<Partition>> byClass = new LinkedHashMap<>();
    for (Partition p : a.disk().partitions()) {
      if (p.slot().isPresent()) {
        byClass.computeIfAbsent(className(p), k -> new ArrayList<>()).add(p);
      }
    }
    Optional<String> bootClass = bootClass(byClass, bootloader);
    List<SlotClass> classes = new ArrayList<>();
    for (Map.Entry<String, List<Partition>> e : byClass.entrySet()) {
      String name = e.getKey();
      boolean bootable = bootClass.map(name::equals).orElse(false);
      List<Slot> slots = new ArrayList<>();
      for (Partition p : e.getValue()) {
        int index = slotNames.indexOf(p.slot().get());
        slots.add(
            new Slot(
                name,
                index,
                p,
                bootable ? Optional.of(bootname(p.slot().get())) : Optional.empty(),
                bootable ? Optional.empty() : bootClass.map(b -> b + "." + index)));
      }
      Partition first = e.getValue().get(0);
      boolean hasImage =
          e.getValue().stream().anyMatch(p -> p.contents().kind() != Contents.Kind.EMPTY);
      classes.add(
          new SlotClass(
              name,
              slotType(first.format()),
              bootable,
              hasImage ? Optional.of(BundleImages.fileName(first)) : Optional.empty(),
              slots));
    }
    return classes;
  }

  /**
   * The class whose slots the boot loader picks between: with EFI the ESP (or XBOOTLDR) when it is
   * slotted, since its firmware entry is what boots; otherwise the root, or /usr.
   */
  private static Optional<String> bootClass(
      Map<String, List<Partition>> byClass, RaucBootloader bootloader) {
    List<Kind> preference =
        bootloader == RaucBootloader.EFI
            ? List.of(Kind.ESP, Kind.XBOOTLDR, Kind.ROOT, Kind.USR)
            : List.of(Kind.ROOT, Kind.USR, Kind.ESP, Kind.XBOOTLDR);
    for (Kind kind : preference) {
      for (Map.Entry<String, List<Partition>> e : byClass.entrySet()) {
        Partition p = e.getValue().get(0);
        if (p.derivedFrom().isEmpty() && p.type().kind() == kind) {
          return Optional.of(e.getKey());
        }
      }
    }
    return byClass.keySet().stream().findFirst();
  }
}
