package dev.applc.compiler.model;

import java.util.List;

/**
 * The escape hatches an appliance closes.
 *
 * @param gettys {@code default} (the distribution's), {@code none}, or {@code list} of {@code ttys}
 */
public record Lockdown(
    String gettys, List<String> ttys, boolean ctrlAltDel, boolean emergencyShell, boolean sysrq) {
  public Lockdown {
    ttys = List.copyOf(ttys);
  }

  public static final Lockdown NONE = new Lockdown("default", List.of(), true, true, true);
}
