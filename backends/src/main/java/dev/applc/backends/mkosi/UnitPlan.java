package dev.applc.backends.mkosi;

import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.OperatingSystem;
import dev.applc.compiler.model.Profile;
import dev.applc.compiler.model.UpdatePolicy;
import dev.applc.compiler.sema.Profiles;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The units the post-installation scripts enable, mask and unmask. The rules are the systemd
 * backend's, so that a mkosi build and applc's own build leave the same units on and off: the
 * spec's {@code enable} list, the session, RAUC's mark-good service and {@code
 * systemd-sysext.service} when there are extensions; masked are the gettys of a lockdown (on the
 * six VTs logind starts them on, except the session's and the listed ones), Ctrl+Alt+Del, the
 * emergency and rescue shells, and the spec's {@code mask} list, never a unit the spec enables. The
 * unit files themselves come from the systemd backend's {@code rootfs/}, which the image gets as an
 * extra tree.
 */
final class UnitPlan {
  /** The VTs that have a getty by default: logind's {@code NAutoVTs=6}. */
  static final int VTS = 6;

  static final String SYSEXT = "systemd-sysext.service";

  /** The unit the systemd backend writes for RAUC to mark a slot good. */
  static final String RAUC_MARK_GOOD = "rauc-mark-good.service";

  private UnitPlan() {}

  static List<String> enable(Appliance a) {
    LinkedHashSet<String> units = new LinkedHashSet<>(a.os().enable());
    a.session().ifPresent(s -> units.add(s.unit()));
    if (a.update().map(u -> u.method() == UpdatePolicy.Method.RAUC).orElse(false)) {
      units.add(RAUC_MARK_GOOD);
    }
    dev.applc.backends.systemd.MarkGood.defaultCheck(a).ifPresent(units::add);
    if (!a.sysexts().isEmpty()) {
      units.add(SYSEXT);
    }
    return new ArrayList<>(units);
  }

  static List<String> mask(Appliance a) {
    return dev.applc.backends.systemd.UnitPlan.masked(a);
  }

  /** The SSH server package of a distribution, as profiles add it. */
  static String sshPackage(OperatingSystem.Distribution d) {
    return Profiles.sshPackage(d);
  }

  static String sshUnit(OperatingSystem.Distribution d) {
    return Profiles.sshUnit(d);
  }

  /** The packages a profile adds. */
  static List<String> profilePackages(Appliance a, Profile p) {
    LinkedHashSet<String> packages = new LinkedHashSet<>(p.packages());
    if (p.ssh()) {
      packages.add(sshPackage(a.os().distribution()));
    }
    packages.removeAll(a.os().packages());
    return new ArrayList<>(packages);
  }

  /** The units a profile enables: its list, the SSH server and its getty. */
  static List<String> profileEnable(Appliance a, Profile p) {
    LinkedHashSet<String> units = new LinkedHashSet<>(p.enable());
    if (p.ssh()) {
      units.add(sshUnit(a.os().distribution()));
    }
    p.getty().ifPresent(t -> units.add(getty(t)));
    return new ArrayList<>(units);
  }

  /** The base's masks a profile lifts: its {@code unmask} list and its getty. */
  static List<String> profileUnmask(Appliance a, Profile p) {
    List<String> base = mask(a);
    LinkedHashSet<String> units = new LinkedHashSet<>();
    for (String u : p.unmask()) {
      if (base.contains(u)) {
        units.add(u);
      }
    }
    p.getty().map(UnitPlan::getty).filter(base::contains).ifPresent(units::add);
    return new ArrayList<>(units);
  }

  static String getty(String tty) {
    return "getty@" + tty + ".service";
  }
}
