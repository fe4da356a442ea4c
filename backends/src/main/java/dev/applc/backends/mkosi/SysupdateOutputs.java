package dev.applc.backends.mkosi;

import dev.applc.backends.sysupdate.Artifacts;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.UpdatePolicy;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * What the mkosi tree of an appliance updated by systemd-sysupdate does so that the files mkosi
 * writes are the ones the transfers look for, with the names of {@link Artifacts} (as the phases
 * path does):
 *
 * <ul>
 *   <li>slot A's partitions are labelled {@link Artifacts#installedLabel}, so that sysupdate knows
 *       them as the installed version;
 *   <li>{@code SplitArtifacts=partitions} makes systemd-repart write {@code OUTPUT.SPLITNAME.raw}
 *       for every partition whose {@code SplitName=} is not {@code -} (the default is {@code %t}):
 *       slot A's partitions get {@link Artifacts#repartSplitName}, the others {@code -};
 *   <li>the UKI on the ESP is {@link Artifacts#installedUki} ({@code UnifiedKernelImageFormat=});
 *   <li>{@code Seed=} depends on the version: repart derives the UUIDs of partitions without a
 *       content-derived one (the verity signature) from the seed, and two versions side by side on
 *       one disk must not share one.
 * </ul>
 */
final class SysupdateOutputs {
  /**
   * The UKI's name on the ESP, without {@code .efi}: mkosi 25 appends {@code +&c} (the tries of
   * {@code /etc/kernel/tries}) to its default format only, so the image's UKI is blessed, as the
   * phases path's is, and sysupdate's first target pattern names the counted ones it installs.
   */
  static final String UKI_FORMAT = "%i_%v";

  /** The {@code SplitName=} that keeps repart from writing a partition as an artifact. */
  static final String NO_SPLIT = "-";

  private SysupdateOutputs() {}

  /** Whether the appliance is updated by systemd-sysupdate and the build publishes its files. */
  static boolean applies(Appliance a) {
    return a.update().map(u -> u.method() == UpdatePolicy.Method.SYSUPDATE).orElse(false)
        && a.build().formats().contains("sysupdate");
  }

  /** The GPT label of a partition of the image (unescaped). */
  static String label(Appliance a, Partition p) {
    if (applies(a) && p.slot().isPresent()) {
      return Artifacts.installedLabel(p, a.version());
    }
    return p.label();
  }

  /** The {@code SplitName=} of a partition of the image. */
  static String splitName(Partition p) {
    return p.slot().isPresent() ? Artifacts.repartSplitName(p) : NO_SPLIT;
  }

  /** The systemd-repart seed: per image id, and per version where versions share a disk. */
  static UUID seed(Appliance a) {
    String key = "applc:" + a.build().imageId();
    if (applies(a)) {
      key += ":" + a.version();
    }
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
  }
}
