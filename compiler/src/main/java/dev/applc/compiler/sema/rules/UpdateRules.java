package dev.applc.compiler.sema.rules;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.GoodWhenUnits;
import dev.applc.compiler.model.OperatingSystem;
import dev.applc.compiler.model.UpdatePolicy;

/** Updates have slots to write, RAUC has its compatible string, rollback names a real unit. */
final class UpdateRules implements Rule {
  /** Debian ships RAUC's D-Bus service, which `rauc install` needs, apart from the client. */
  static final String DEBIAN_RAUC_SERVICE = "rauc-service";

  /**
   * sysupdate names partitions `LABEL_VERSION`, and a verity image's root hash reaches the kernel
   * only through the command line that the updated UKI carries.
   */
  private static void sysupdate(Appliance a, UpdatePolicy u, Diagnostics d) {
    if (a.version().length() > u.maxVersionLength()) {
      d.add(
          Diagnostic.error(
                  Code.LABEL_NO_ROOM_FOR_VERSION,
                  a.origin().at("version"),
                  "version `"
                      + a.version()
                      + "` is "
                      + a.version().length()
                      + " characters, but partition labels keep room for "
                      + u.maxVersionLength())
              .label("too long for the labels")
              .related(u.origin().at("max-version-length"), "the room kept for versions")
              .help(
                  "shorten the version, or raise `max-version-length` in `update` if the labels"
                      + " leave room"));
    }
    if (u.source().isPresent()
        && u.signingKey().isEmpty()
        && u.keyringKey().isEmpty()
        && u.keyringPath().isEmpty()) {
      d.add(
          Diagnostic.error(
                  Code.SYSUPDATE_UNSIGNED,
                  u.origin().at("source"),
                  "updates come from a URL, but no `signing-key` signs them")
              .label("systemd-sysupdate checks the signature on this source's SHA256SUMS")
              .note(
                  "systemd-sysupdate accepts a version from a URL only when SHA256SUMS.gpg"
                      + " verifies against /etc/systemd/import-pubring.gpg; without a signing key"
                      + " the build neither signs SHA256SUMS nor puts a key of yours there (and"
                      + " Debian's /usr/lib/systemd/import-pubring.gpg trusts other vendors'"
                      + " keys), so the device refuses every update")
              .help(
                  "add `signing-key = KEY` to `update`, naming a `key` block; `applc keys` makes"
                      + " it an OpenPGP key"));
    }
    boolean verity = a.disk().partitions().stream().anyMatch(p -> p.verity().enabled());
    if (verity && a.boot().uki().isEmpty()) {
      d.add(
          Diagnostic.error(
                  Code.VERITY_UPDATE_NEEDS_UKI,
                  u.origin().header(),
                  "sysupdate replaces a verity image, but the appliance has no `uki` to carry"
                      + " its new root hash")
              .label("updates a verity image")
              .note(
                  "the kernel finds a verity image by the root hash on its command line; without"
                      + " a UKI, nothing an update installs changes that command line")
              .help("add `uki { }` to the appliance, so that each update brings its own"));
    }
  }

  @Override
  public void check(Appliance a, Diagnostics d) {
    if (a.update().isEmpty()) {
      return;
    }
    UpdatePolicy u = a.update().get();
    if (u.method() == UpdatePolicy.Method.RAUC
        && u.compatible().isEmpty()
        && a.compatible().isEmpty()) {
      d.add(
          Diagnostic.error(
                  Code.RAUC_WITHOUT_COMPATIBLE,
                  u.origin().header(),
                  "RAUC updates need a" + " compatible string, and the appliance has none")
              .label("`update rauc` without `compatible`")
              .note(
                  "RAUC installs a bundle only on systems whose compatible string matches the"
                      + " bundle's")
              .help(
                  "add `compatible = \""
                      + a.name()
                      + "-"
                      + a.board().arch().debianArch()
                      + "\"` to the appliance"));
    }
    if (!a.disk().hasSlots()) {
      d.add(
          Diagnostic.error(
                  Code.UPDATE_WITHOUT_SLOTS,
                  u.origin().header(),
                  u.method().id()
                      + " updates write the inactive slot, but the disk has no A/B slots")
              .label("nothing to update into")
              .help("put the partitions that updates replace in `slots [a, b] { ... }`"));
    }
    if (u.method() == UpdatePolicy.Method.SYSUPDATE) {
      sysupdate(a, u, d);
    }
    if (u.method() == UpdatePolicy.Method.RAUC
        && a.os().distribution() == OperatingSystem.Distribution.DEBIAN
        && !a.os().packages().contains(DEBIAN_RAUC_SERVICE)) {
      d.add(
          Diagnostic.error(
                  Code.UPDATE_SERVICE_MISSING,
                  a.os().origin().at("packages"),
                  "the appliance updates with RAUC, but its packages lack `"
                      + DEBIAN_RAUC_SERVICE
                      + "`")
              .label("no `" + DEBIAN_RAUC_SERVICE + "`")
              .related(u.origin().header(), "updates with RAUC")
              .note(
                  "Debian's `rauc` package is the command line client; the service it talks to"
                      + " over D-Bus, which installs bundles and reports the slots, is in `"
                      + DEBIAN_RAUC_SERVICE
                      + "`")
              .help("add `" + DEBIAN_RAUC_SERVICE + "` to `packages`"));
    }
    if (u.delta().equals("casync") && u.method() != UpdatePolicy.Method.RAUC) {
      d.add(
          Diagnostic.error(
                  Code.DELTA_NEEDS_RAUC,
                  u.origin().at("delta"),
                  "casync delta updates" + " need RAUC, not " + u.method().id())
              .label("not supported by " + u.method().id())
              .help("use `update rauc`, or remove `delta`"));
    }
    u.rollback()
        .goodWhen()
        .ifPresent(
            unit -> {
              if (!GoodWhenUnits.of(a).contains(unit)) {
                d.add(
                    Diagnostic.error(
                            Code.GOOD_WHEN_UNKNOWN_UNIT,
                            u.rollback().origin().at("good-when"),
                            "`" + unit + "` is not defined or enabled in the spec")
                        .label("unknown unit")
                        .note(
                            "if the unit never starts, no boot is ever marked good and every"
                                + " update rolls back")
                        .help(
                            "define it with `unit "
                                + unit
                                + " { ... }`, enable it, or name the"
                                + " session's unit"));
              }
            });
  }
}
