package dev.applc.backends.mkosi;

import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.Partition.Contents;
import dev.applc.compiler.model.Partition.Filesystem;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which partitions the image that mkosi builds holds, and with which file systems. The image holds
 * the first slot's partitions and every partition the build fills (boot files, the OS, verity,
 * folders of files); the other slots and the empty partitions are made on the device at first boot
 * by the definitions in {@code /usr/lib/repart.d}.
 */
final class ImageLayout {
  /** systemd-repart makes erofs file systems from this version on. */
  static final int REPART_EROFS_SINCE = 253;

  private final BackendContext ctx;
  private final Dialect dialect;
  private final Set<String> reported = new HashSet<>();

  ImageLayout(BackendContext ctx, Dialect dialect) {
    this.ctx = ctx;
    this.dialect = dialect;
  }

  Appliance appliance() {
    return ctx.appliance();
  }

  /** Whether the build puts the partition into the image. */
  boolean built(Partition p) {
    List<String> slots = appliance().disk().slotNames();
    if (p.slot().isPresent() && !slots.isEmpty() && !p.slot().get().equals(slots.get(0))) {
      return false;
    }
    return p.contents().kind() != Contents.Kind.EMPTY;
  }

  /** The partitions of the image, in disk order. */
  List<Partition> builtPartitions() {
    return appliance().disk().partitions().stream().filter(this::built).toList();
  }

  /** The partition that holds the OS tree, or its /usr: what mkosi 14 calls the root. */
  Optional<Partition> system() {
    return builtPartitions().stream()
        .filter(
            p ->
                p.contents().kind() == Contents.Kind.OS || p.contents().kind() == Contents.Kind.USR)
        .findFirst();
  }

  /**
   * The file system the build makes: erofs becomes squashfs where the build's tools cannot make
   * erofs (mkosi 14, systemd-repart before 253), reported once per partition.
   */
  Filesystem format(Partition p) {
    if (p.format() != Filesystem.EROFS) {
      return p.format();
    }
    boolean canErofs = dialect == Dialect.CURRENT && ctx.target().systemd() >= REPART_EROFS_SINCE;
    if (canErofs) {
      return Filesystem.EROFS;
    }
    if (reported.add(p.name())) {
      String tool =
          dialect == Dialect.V14
              ? "mkosi 14 and systemd-repart " + ctx.target().systemd()
              : "systemd-repart " + ctx.target().systemd();
      ctx.diagnostics()
          .add(
              Diagnostic.error(
                      Code.TARGET_DEGRADED,
                      p.origin().at("format"),
                      tool
                          + " cannot make erofs; the mkosi tree builds `"
                          + p.name()
                          + "` as squashfs")
                  .label("erofs asked here")
                  .note(
                      "erofs images need systemd-repart "
                          + REPART_EROFS_SINCE
                          + " or later; squashfs is the read-only file system "
                          + tool
                          + " can make, and dm-verity works the same on it")
                  .help(
                      "write `format = squashfs` to say so, or target a release with a newer"
                          + " systemd, such as trixie"));
    }
    return Filesystem.SQUASHFS;
  }

  /** The data partition a verity hash or signature partition belongs to. */
  Optional<Partition> dataOf(Partition p) {
    return p.derivedFrom().flatMap(id -> appliance().disk().partition(id));
  }
}
