package dev.applc.compiler.sema.rules;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Partition;

/** dm-verity goes on root or usr, never with encryption, and signed verity names its key. */
final class VerityRules implements Rule {
  @Override
  public void check(Appliance a, Diagnostics d) {
    for (Partition p : a.disk().partitions()) {
      if (p.derivedFrom().isPresent() || !p.verity().enabled()) {
        continue;
      }
      if (!p.type().kind().isVerityData()) {
        d.add(
            Diagnostic.error(
                    Code.VERITY_NOT_ALLOWED,
                    p.origin().at("verity"),
                    "verity on a `" + p.type().id() + "` partition")
                .label("only root and usr partitions have verity")
                .note(
                    "the Discoverable Partitions Specification defines verity partitions only"
                        + " for root and usr")
                .help("remove `verity`, or set it on the `root` or `usr` partition"));
      }
      if (p.encryption().isPresent()) {
        d.add(
            Diagnostic.error(
                    Code.ENCRYPTED_VERITY,
                    p.origin().at("verity"),
                    "partition `" + p.name() + "` has both verity and encryption")
                .label("verity here")
                .related(p.origin().header(), "the partition is also encrypted")
                .note(
                    "verity protects a read-only image; systemd-repart cannot combine it with"
                        + " encryption")
                .help(
                    "encrypt a writable partition (such as var or home) and keep verity on the"
                        + " read-only one"));
      }
      if (p.verity().mode() == Partition.Verity.Mode.SIGNED && p.verity().key().isEmpty()) {
        d.add(
            Diagnostic.error(
                    Code.SIGNED_VERITY_WITHOUT_KEY,
                    p.origin().at("verity"),
                    "signed" + " verity on `" + p.name() + "` names no key")
                .label("which key signs?")
                .help(
                    "write `verity = signed(KEY)` with a `key KEY { ... }` of the appliance,"
                        + " or `verity = on` for unsigned verity"));
      }
    }
  }
}
