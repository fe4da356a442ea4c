package dev.applc.cli.diff;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.UpdatePolicy;
import dev.applc.compiler.source.SourceSpan;
import java.util.List;
import java.util.Optional;

/**
 * Changes between two versions of an appliance that devices already in the field cannot take
 * (APL0509). An update writes a new image into a slot of the partition table the device was
 * installed with; nothing rewrites that table, the RAUC or sysupdate configuration that finds the
 * slots by label, or the trust the device has in update signatures. So a slot that grows, a
 * partition that moves, is renamed, retyped, added or removed, a new compatible string, a new
 * keyring or signing certificate, or another update method works on newly installed devices and
 * breaks (or is refused) on deployed ones. Each change is a warning at the new spec's text; a
 * deliberate change (a new product generation) may go ahead.
 */
public final class FieldCompatibility {
  private final Diagnostics out;

  private FieldCompatibility(Diagnostics out) {
    this.out = out;
  }

  /**
   * Adds a warning to {@code out} for each change from {@code before} that deployed devices cannot
   * take.
   */
  public static void compare(Appliance before, Appliance after, Diagnostics out) {
    new FieldCompatibility(out).run(before, after);
  }

  private void run(Appliance before, Appliance after) {
    partitions(before, after);
    compatible(before, after);
    update(before, after);
  }

  private void partitions(Appliance before, Appliance after) {
    List<String> oldIds = before.disk().partitions().stream().map(Partition::id).toList();
    List<String> newIds = after.disk().partitions().stream().map(Partition::id).toList();
    if (!oldIds.equals(newIds)) {
      warn(
          after.disk().origin().header(),
          "the partitions change from "
              + String.join(", ", oldIds)
              + " to "
              + String.join(", ", newIds),
          "not the partition table of deployed devices",
          "an update writes into the partition table a device was installed with; it never adds,"
              + " removes or reorders partitions",
          "keep the partitions and their order, or install new devices with a new compatible"
              + " string");
    }
    // A partition that moves because one before it changed size is part of that change.
    boolean earlierResized = false;
    for (Partition now : after.disk().partitions()) {
      Optional<Partition> then = before.disk().partition(now.id());
      if (then.isEmpty()) {
        continue;
      }
      Partition was = then.get();
      if (!sameSize(was, now)) {
        earlierResized = true;
        warn(
            now.origin().at("size"),
            "`" + now.id() + "` changes size from " + size(was.size()) + " to " + size(now.size()),
            "not the size on deployed devices",
            "deployed devices keep their partition table: an image larger than the old slot does"
                + " not fit, and RAUC or systemd-sysupdate refuse or fail to write it",
            "keep the size; plan a repartitioning migration before changing it");
      } else if (was.offset() != now.offset() && !earlierResized) {
        warn(
            now.origin().header(),
            "`" + now.id() + "` moves from byte " + was.offset() + " to " + now.offset(),
            "not where deployed devices have it",
            "an update never moves partitions; the new offsets hold only on new installs",
            "keep the partitions before it as they were");
      }
      if (!was.label().equals(now.label())) {
        warn(
            now.origin().at("label"),
            "`"
                + now.id()
                + "` changes its label from `"
                + was.label()
                + "` to `"
                + now.label()
                + "`",
            "deployed devices have the old label",
            "RAUC's system.conf and sysupdate's transfers find slots by label; on deployed devices"
                + " no partition has the new one",
            "keep the label `" + was.label() + "`");
      }
      if (!was.typeGuid().equalsIgnoreCase(now.typeGuid())) {
        warn(
            now.origin().at("type"),
            "`" + now.id() + "` changes its partition type",
            "deployed devices have the old type",
            "the type GUID on deployed devices stays "
                + was.typeGuid()
                + "; systemd's discovery of partitions and sysupdate match on it",
            "keep the partition's type");
      }
    }
  }

  private void compatible(Appliance before, Appliance after) {
    Optional<String> was = compatible(before);
    Optional<String> now = compatible(after);
    if (was.isPresent() && !was.equals(now)) {
      SourceSpan at =
          after.update().filter(u -> u.origin().has("compatible")).isPresent()
              ? after.update().get().origin().at("compatible")
              : after.origin().at("compatible");
      warn(
          at,
          "the compatible string changes from `" + was.get() + "` to `" + now.orElse("") + "`",
          "deployed devices have the old one",
          "RAUC installs only bundles whose compatible string is the device's own: deployed"
              + " devices refuse every bundle of the new spec",
          "keep `" + was.get() + "`, or give only new devices the new one");
    }
  }

  private static Optional<String> compatible(Appliance a) {
    return a.update().flatMap(UpdatePolicy::compatible).or(a::compatible);
  }

  private void update(Appliance before, Appliance after) {
    if (before.update().isEmpty()) {
      return; // Deployed devices cannot update at all; whatever comes next is a new install.
    }
    UpdatePolicy was = before.update().get();
    if (after.update().isEmpty()) {
      warn(
          after.origin().header(),
          "the appliance no longer updates with " + was.method().id(),
          "no `update` block",
          "deployed devices install this version and never update again",
          "keep the `update " + was.method().id() + "` block");
      return;
    }
    UpdatePolicy now = after.update().get();
    if (was.method() != now.method()) {
      warn(
          now.origin().header(),
          "the update method changes from " + was.method().id() + " to " + now.method().id(),
          "deployed devices run " + was.method().id(),
          "deployed devices update with what they were installed with; they cannot fetch or"
              + " verify updates made for "
              + now.method().id(),
          "keep `update "
              + was.method().id()
              + "`, or migrate with a last update that installs both");
      return;
    }
    if (!trust(before, was.keyringKey(), was.keyringPath())
        .equals(trust(after, now.keyringKey(), now.keyringPath()))) {
      warn(
          now.origin().at("keyring"),
          "the update keyring changes",
          "deployed devices trust the old keyring",
          "deployed devices verify updates with the keyring they have: updates signed only for"
              + " the new one are refused",
          "keep the keyring, or ship a last update signed with the old key that installs the new"
              + " keyring");
    }
    if (!trust(before, was.signingKey(), Optional.empty())
        .equals(trust(after, now.signingKey(), Optional.empty()))) {
      warn(
          now.origin().at("signing-key"),
          "the update signing key changes",
          "deployed devices trust the old certificate",
          "updates signed with a certificate the devices' keyring does not hold are refused",
          "sign with the old key, or sign with a certificate of the same CA");
    }
  }

  /** What a key reference stands for: the certificate file of the key it names, or a path. */
  private static Optional<String> trust(Appliance a, Optional<String> key, Optional<String> path) {
    if (key.isPresent()) {
      return a.key(key.get()).map(k -> k.certificate().or(k::privateKey).orElse(k.name()));
    }
    return path;
  }

  private static boolean sameSize(Partition was, Partition now) {
    return was.size().grow() && now.size().grow()
        || (!was.size().grow() && !now.size().grow() && was.size().bytes() == now.size().bytes());
  }

  private static String size(Partition.Size s) {
    if (s.grow()) {
      return "grow";
    }
    long b = s.bytes();
    String[] units = {"G", "M", "K"};
    int[] shifts = {30, 20, 10};
    for (int i = 0; i < units.length; i++) {
      if (b != 0 && b % (1L << shifts[i]) == 0) {
        return (b >> shifts[i]) + units[i];
      }
    }
    return b + " bytes";
  }

  private void warn(SourceSpan at, String message, String label, String note, String help) {
    out.add(
        Diagnostic.error(Code.FIELD_INCOMPATIBLE, at, message).label(label).note(note).help(help));
  }
}
