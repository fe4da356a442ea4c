package dev.applc.backends.systemd;

import dev.applc.backends.rauc.RaucBootloader;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Lockdown;
import dev.applc.compiler.model.OperatingSystem;
import dev.applc.compiler.model.UpdatePolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which units an appliance masks: one rule for every backend that turns units off (the systemd
 * backend's mask.list, mkosi's post-install script).
 */
public final class UnitPlan {
  private UnitPlan() {}

  /** Virtual terminals whose gettys a lockdown governs. */
  static final int VTS = 6;

  static final String CTRL_ALT_DEL = "ctrl-alt-del.target";
  static final String BLESS_BOOT = MarkGood.BLESS_BOOT;
  static final List<String> SHELLS = List.of("emergency.service", "rescue.service");

  /**
   * The units to mask, in a fixed order: gettys, Ctrl+Alt+Del, the emergency and rescue shells,
   * then the spec's own {@code mask} list. A getty stays on the session's VT (the session takes it
   * over) and on VTs the spec lists or a profile opens; units the appliance enables are never
   * masked.
   */
  public static List<String> masked(Appliance a) {
    OperatingSystem os = a.os();
    Lockdown l = a.lockdown();
    LinkedHashSet<String> masks = new LinkedHashSet<>();
    if (!l.gettys().equals("default")) {
      Set<String> open = new LinkedHashSet<>(l.gettys().equals("list") ? l.ttys() : List.of());
      a.session().ifPresent(s -> open.add("tty" + s.tty()));
      for (int n = 1; n <= VTS; n++) {
        if (!open.contains("tty" + n)) {
          masks.add("getty@tty" + n + ".service");
        }
      }
    }
    if (!l.ctrlAltDel()) {
      masks.add(CTRL_ALT_DEL);
    }
    if (!l.emergencyShell()) {
      masks.addAll(SHELLS);
    }
    if (RaucBootloader.of(a) == RaucBootloader.CUSTOM && isRauc(a)) {
      // RAUC's mark-good gives the booted entry its tries back at every good boot; bless-boot
      // would take the counter off, and the slot would never fall back again.
      masks.add(BLESS_BOOT);
    }
    masks.addAll(os.mask());
    masks.removeAll(os.enable());
    return new ArrayList<>(masks);
  }

  private static boolean isRauc(Appliance a) {
    return a.update().map(u -> u.method() == UpdatePolicy.Method.RAUC).orElse(false);
  }
}
