package dev.applc.compiler.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The programs the units and update configuration applc generates run, and the packages that put
 * them into the image. A unit whose program is missing fails at boot (the session's {@code
 * ExecStartPre=/usr/bin/chvt} without {@code kbd}, and with it every unit that needs the session),
 * so the image gets each package the spec does not list itself.
 */
public final class UnitCommands {
  private UnitCommands() {}

  /** The session unit switches to its terminal first. */
  public static final String CHVT = "/usr/bin/chvt";

  /** RAUC's client, which {@code rauc-mark-good.service} runs. */
  public static final String RAUC = "/usr/bin/rauc";

  /** systemd's A/B updater, which Debian ships apart from systemd. */
  public static final String SYSUPDATE = "/usr/lib/systemd/systemd-sysupdate";

  /**
   * A package the image gets because a generated unit runs one of its programs.
   *
   * @param name the package, as the distribution names it (the same in Debian, Arch Linux and
   *     Alpine Linux for these)
   * @param reason which unit runs which program
   */
  public record AddedPackage(String name, String reason) {}

  /** What the generated units run, by package: programs of the packages the spec may not list. */
  private static Map<String, String> needed(Appliance a) {
    Map<String, String> out = new LinkedHashMap<>();
    if (a.os().init() != OperatingSystem.InitSystem.SYSTEMD) {
      return out; // no units are generated
    }
    a.session().ifPresent(s -> out.put("kbd", s.unit() + " runs " + CHVT));
    a.update()
        .filter(u -> u.method() == UpdatePolicy.Method.RAUC)
        .ifPresent(
            u -> {
              out.put("rauc", "rauc-mark-good.service runs " + RAUC);
              // Debian's rauc-service (the D-Bus service) is not added: its absence is APL0507,
              // since an overlay may bring a RAUC of its own.
              if (u.delta().equals("casync")) {
                out.put("casync", "RAUC runs casync to install `delta = casync` bundles");
              }
            });
    if (a.os().distribution() == OperatingSystem.Distribution.DEBIAN) {
      a.update()
          .filter(u -> u.method() == UpdatePolicy.Method.SYSUPDATE)
          .ifPresent(u -> sysupdateOnDebian(a, u, out));
    }
    return out;
  }

  /**
   * Debian splits systemd: sysupdate and the importer it downloads with are in {@code
   * systemd-container}, the unit that marks a counted boot good in {@code systemd-boot}.
   */
  private static void sysupdateOnDebian(Appliance a, UpdatePolicy u, Map<String, String> out) {
    out.put("systemd-container", "systemd-sysupdate.service runs " + SYSUPDATE);
    if (u.source().isPresent()) {
      out.put("gpg", "systemd-sysupdate runs gpg to check the signature on SHA256SUMS");
    }
    if (EffectiveBoot.countsBoots(a)) {
      out.put("systemd-boot", "systemd-bless-boot.service marks a counted boot good");
    }
  }

  /** The packages the image gets on top of the spec's, in a fixed order, with their reasons. */
  public static List<AddedPackage> added(Appliance a) {
    List<AddedPackage> out = new ArrayList<>();
    needed(a)
        .forEach(
            (pkg, reason) -> {
              if (!a.os().packages().contains(pkg)) {
                out.add(new AddedPackage(pkg, reason));
              }
            });
    return out;
  }

  /** Every package the image installs: the spec's, then those its generated units need. */
  public static List<String> imagePackages(Appliance a) {
    List<String> out = new ArrayList<>(a.os().packages());
    added(a).forEach(p -> out.add(p.name()));
    return out;
  }
}
