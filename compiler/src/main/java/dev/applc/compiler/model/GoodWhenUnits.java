package dev.applc.compiler.model;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * The units a {@code rollback { good-when }} may name without a warning (APL0502): the spec's own
 * units, the units it enables, the session's generated unit, and the units and targets every
 * systemd system has. The checker and the editor's completion read this one list, so what is
 * offered is what is accepted.
 *
 * <p>The mark-good unit is not among them: it starts after the good-when unit, so naming it would
 * have it wait for itself.
 */
public final class GoodWhenUnits {
  private GoodWhenUnits() {}

  /** Units and targets every systemd system has. */
  public static final List<String> STANDARD =
      List.of(
          "multi-user.target",
          "graphical.target",
          "basic.target",
          "default.target",
          "network-online.target",
          "network.target",
          "sysinit.target",
          "local-fs.target",
          "boot-complete.target",
          "systemd-user-sessions.service",
          "dbus.service",
          "getty.target",
          "timers.target");

  /** In the order an editor offers them: the spec's units first, the standard ones last. */
  public static List<String> of(Appliance a) {
    LinkedHashSet<String> known = new LinkedHashSet<>();
    a.os().content().units().forEach(u -> known.add(u.name()));
    a.session().ifPresent(s -> known.add(s.unit()));
    known.addAll(a.os().enable());
    known.addAll(STANDARD);
    return List.copyOf(known);
  }
}
