package dev.applc.backends.phases;

import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.Partition.Contents.Kind;
import dev.applc.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The partition table the disk phase writes, as data: what {@code applc verify} expects to find in
 * a built {@code disk.raw}. It comes from the same {@link Layout} the {@code 80-disk} phase is
 * generated from, so the two cannot drift apart.
 */
public final class BuiltDisk {
  private BuiltDisk() {}

  /** Which 128 bits of a root hash a partition's UUID is (see {@link Layout#rootHashUuid}). */
  public enum Half {
    /** The verity data partition: the first 128 bits of the root hash. */
    DATA,
    /** The verity hash partition: the last 128 bits. */
    HASH,
    /** The verity signature partition: the first 128 bits of the root hash's SHA-256. */
    SIGNATURE
  }

  /** A partition UUID that follows from a root hash file under the images folder. */
  public record RootHashUuid(String rootHashFile, Half half) {}

  /**
   * One partition of the built disk, in disk order.
   *
   * @param uuid the fixed UUID the build gives it, if any
   * @param fromRootHash where its UUID comes from when a root hash decides it
   */
  public record Part(
      String name,
      String label,
      String typeGuid,
      long offset,
      long size,
      Optional<String> uuid,
      Optional<RootHashUuid> fromRootHash,
      SourceSpan origin) {}

  /** The partitions of the appliance's built disk image, in the order of its partition table. */
  public static List<Part> of(Appliance appliance) {
    Layout layout = new Layout(appliance);
    return layout.partitions().stream().filter(layout::onDisk).map(p -> part(layout, p)).toList();
  }

  /**
   * A root hash the build writes, and the token of the kernel command line placeholders it fills
   * ({@code @ROOTHASH@}, {@code @ROOT_PARTUUID@}, {@code @ROOT_VERITY_PARTUUID@}; USR for /usr).
   *
   * @param file the root hash file under the images folder
   */
  public record RootHash(String file, String token) {}

  /** The root hashes of the verity data partitions that have a hash partition, as the UKI uses. */
  public static List<RootHash> rootHashes(Appliance appliance) {
    Layout layout = new Layout(appliance);
    return layout
        .verityData()
        .filter(layout::hasHash)
        .map(
            data ->
                new RootHash(
                    Layout.rootHashFile(data).substring(Layout.IMAGES.length() + 1),
                    data.type().kind().name()))
        .toList();
  }

  /**
   * A partition whose contents a systemd-sysupdate build publishes as {@code
   * ID_V.NAME.UUID.raw[.gz]}.
   *
   * @param number its number in the built disk's partition table, from 1: the UUID in the
   *     artifact's name is that partition's
   */
  public record Published(Partition partition, int number) {}

  /** The partitions a sysupdate build publishes, in disk order (as the bundle phase lists them). */
  public static List<Published> published(Appliance appliance) {
    Layout layout = new Layout(appliance);
    List<Partition> onDisk = layout.partitions().stream().filter(layout::onDisk).toList();
    List<Published> published = new ArrayList<>();
    for (int i = 0; i < onDisk.size(); i++) {
      if (layout.published(onDisk.get(i))) {
        published.add(new Published(onDisk.get(i), i + 1));
      }
    }
    return published;
  }

  /** The built disk's file name under the images folder. */
  public static String diskFile() {
    return "disk.raw";
  }

  private static Part part(Layout layout, Partition p) {
    boolean filled = layout.filled(p);
    Optional<RootHashUuid> derived = Optional.empty();
    Optional<String> fixed = Optional.empty();
    if (filled && layout.rootHashUuid(p).isPresent()) {
      boolean verityPart = p.contents().kind() == Kind.VERITY;
      Partition data = verityPart ? layout.dataOf(p) : p;
      Half half =
          !verityPart
              ? Half.DATA
              : p.type().kind().isVeritySignature() ? Half.SIGNATURE : Half.HASH;
      String file = Layout.rootHashFile(data).substring(Layout.IMAGES.length() + 1);
      derived = Optional.of(new RootHashUuid(file, half));
    } else if (filled) {
      fixed = Optional.of(layout.uuid("partition:" + p.name()).toString());
    }
    return new Part(
        p.name(),
        layout.diskLabel(p),
        p.typeGuid(),
        p.offset(),
        p.allocated(),
        fixed,
        derived,
        p.origin().span());
  }
}
