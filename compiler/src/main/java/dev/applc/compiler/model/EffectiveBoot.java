package dev.applc.compiler.model;

import java.util.Map;
import java.util.Optional;

/**
 * The boot settings a spec may leave unsaid, as {@code applc build} fills them in: one place, so
 * the build, {@code applc show} and its JSON cannot tell different stories.
 */
public final class EffectiveBoot {
  private EffectiveBoot() {}

  /**
   * The initrd generator: the spec's, else {@code custom} for an OS that is the initrd (the build
   * packs it), else the distribution's usual one.
   */
  public static String initrdGenerator(Appliance a) {
    Optional<String> g = a.boot().initrd().generator();
    if (g.isPresent()) {
      return g.get();
    }
    if (a.os().rootInInitrd()) {
      return "custom";
    }
    return switch (a.os().distribution()) {
      case DEBIAN -> "initramfs-tools";
      case ARCH -> "mkinitcpio";
      case ALPINE -> "mkinitfs";
    };
  }

  /**
   * The UKI: the spec's {@code uki}, else on a UEFI board the one the build makes anyway, unsigned,
   * behind systemd-boot, without boot counting. Its origin is the board's, which decided it.
   */
  public static Optional<Boot.Uki> uki(Appliance a) {
    if (a.boot().uki().isPresent() || !a.board().firmware().isUefi()) {
      return a.boot().uki();
    }
    Origin board = a.board().origin();
    return Optional.of(
        new Boot.Uki(
            Optional.empty(),
            "systemd-boot",
            false,
            new Origin(board.span(), board.header(), Map.of())));
  }

  /**
   * Whether the boot loader counts the boots of the spec's UKI: asked for with {@code
   * boot-counting}, or implied by a {@code rollback} block of a sysupdate appliance (RAUC counts
   * with its own boot entries).
   */
  public static boolean countsBoots(Appliance a) {
    Optional<Boot.Uki> uki = a.boot().uki();
    if (uki.isEmpty()) {
      return false;
    }
    boolean rollbackWritten =
        a.update()
            .filter(u -> u.method() == UpdatePolicy.Method.SYSUPDATE)
            .filter(u -> !u.rollback().origin().span().equals(u.origin().span()))
            .isPresent();
    return uki.get().bootCounting() || rollbackWritten;
  }
}
