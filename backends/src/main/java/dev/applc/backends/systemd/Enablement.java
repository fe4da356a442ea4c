package dev.applc.backends.systemd;

import dev.applc.backends.template.Templates;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.OperatingSystem;
import dev.applc.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The units an appliance enables: the spec's {@code enable} list (with what the applied profile
 * adds), the session, the mark-good unit, and systemd-sysext when there are extensions.
 *
 * <p>The preset file has no final {@code disable *}. The spec's {@code enable} adds to what the
 * distribution enables, and {@code mask} is how a spec turns a unit off; a {@code disable *} at
 * priority 50 would shadow systemd's own 90-systemd.preset and the distribution's presets, and
 * quietly switch off units no spec line mentions (timesyncd, networkd, pstore, ...).
 */
final class Enablement {
  private Enablement() {}

  static final String SYSEXT = "systemd-sysext.service";

  /** The unit names to enable, in order, without repeats. */
  static List<String> units(BackendContext ctx, Optional<String> session, Optional<String> good) {
    Appliance a = ctx.appliance();
    OperatingSystem os = a.os();
    LinkedHashSet<String> units = new LinkedHashSet<>();
    units.addAll(UnitValues.unitNames(os.enable(), os.origin().at("enable"), ctx.diagnostics()));
    session.ifPresent(units::add);
    good.ifPresent(units::add);
    if (!a.sysexts().isEmpty()) {
      units.add(SYSEXT);
    }
    return new ArrayList<>(units);
  }

  /**
   * The preset lines' arguments: a unit, or a template with the instances to enable ({@code
   * getty@.service tty2}); systemd reads only the first line that matches a template, so its
   * instances share one line. Such a line also shadows a later {@code enable getty@.service} of
   * systemd's own presets, whose default instance is tty1: while the appliance keeps the
   * distribution's gettys, tty1 is named too.
   */
  static List<String> presetLines(BackendContext ctx, List<String> units) {
    Map<String, List<String>> lines = new LinkedHashMap<>();
    for (String u : units) {
      int at = u.indexOf('@');
      int dot = u.lastIndexOf('.');
      if (at < 0 || at + 1 == dot) {
        lines.putIfAbsent(u, new ArrayList<>());
        continue;
      }
      String template = u.substring(0, at + 1) + u.substring(dot);
      List<String> instances = lines.computeIfAbsent(template, t -> new ArrayList<>());
      if (template.equals("getty@.service")
          && instances.isEmpty()
          && ctx.appliance().lockdown().gettys().equals("default")
          && !u.equals("getty@tty1.service")) {
        instances.add("tty1");
      }
      String instance = u.substring(at + 1, dot);
      if (!instances.contains(instance)) {
        instances.add(instance);
      }
    }
    List<String> out = new ArrayList<>();
    lines.forEach(
        (unit, instances) ->
            out.add(instances.isEmpty() ? unit : unit + " " + String.join(" ", instances)));
    return out;
  }

  /** The preset file, and the enable and default-target lists for the build. */
  static void write(BackendContext ctx, Optional<String> session, Optional<String> markGood) {
    Appliance a = ctx.appliance();
    OperatingSystem os = a.os();
    List<SourceSpan> from = new ArrayList<>();
    from.add(os.origin().at("enable"));
    a.session().ifPresent(s -> from.add(s.origin().span()));
    a.update().ifPresent(u -> from.add(u.rollback().origin().span()));
    List<String> units = units(ctx, session, markGood);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("appliance", a.name());
    m.put("lines", presetLines(ctx, units));
    ctx.out()
        .add(
            SystemdBackend.PRESET_DIR + "/50-" + a.name() + ".preset",
            Templates.render("systemd/preset.ftl", m),
            OutputTree.MODE_FILE,
            from);
    BuildList.write(ctx, "enable.list", "Units the build enables (systemctl preset).", units, from);
    List<String> target =
        UnitValues.unitName(os.defaultTarget(), os.origin().at("default-target"), ctx.diagnostics())
            .map(List::of)
            .orElse(List.of());
    BuildList.write(
        ctx,
        "default-target.list",
        "The default target (systemctl set-default).",
        target,
        List.of(os.origin().at("default-target")));
  }
}
