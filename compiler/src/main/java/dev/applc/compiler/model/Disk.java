package dev.applc.compiler.model;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The disk image: partitions in on-disk order, slots expanded and verity partitions derived.
 *
 * @param declaredSize the size the spec gave, if any
 * @param size the image size: the declared one, or the smallest that holds every partition
 * @param start where the first partition begins
 * @param slotNames the A/B slot names in order, empty without slots
 */
public record Disk(
    Optional<Long> declaredSize,
    long size,
    long start,
    List<Partition> partitions,
    List<String> slotNames,
    Origin origin) {

  /** Partitions start on 1 MiB boundaries, as partitioning tools do by default. */
  public static final long ALIGNMENT = 1L << 20;

  /** Room for the backup GPT at the end of the disk (33 sectors of 512 bytes, rounded). */
  public static final long BACKUP_GPT = 1L << 20;

  public Disk {
    partitions = List.copyOf(partitions);
    slotNames = List.copyOf(slotNames);
  }

  public Optional<Partition> partition(String id) {
    return partitions.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** The copies of a slotted partition, one per slot, in slot order. */
  public List<Partition> slotted(String name) {
    return partitions.stream()
        .filter(p -> p.name().equals(name) && p.slot().isPresent() && p.derivedFrom().isEmpty())
        .toList();
  }

  /**
   * Every folder the appliance mounts a partition or subvolume on, other than {@code /}, sorted (a
   * parent before what is mounted inside it). They must exist in the image: a read-only root cannot
   * have them made at boot, and systemd then fails the mount.
   */
  public List<String> mountPoints() {
    TreeSet<String> out = new TreeSet<>();
    for (Partition p : partitions) {
      if (p.slot().isPresent() || p.derivedFrom().isPresent()) {
        continue; // which slot is mounted is the boot's choice, not a mount of the disk
      }
      if (p.format() != Partition.Filesystem.SWAP && p.format() != Partition.Filesystem.NONE) {
        p.mount().ifPresent(out::add);
      }
      p.subvolumes().forEach(s -> s.mount().ifPresent(out::add));
    }
    out.remove("/");
    return List.copyOf(out);
  }

  public boolean hasSlots() {
    return !slotNames.isEmpty();
  }
}
