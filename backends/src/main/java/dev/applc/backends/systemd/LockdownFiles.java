package dev.applc.backends.systemd;

import dev.applc.backends.template.Templates;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.OperatingSystem;
import dev.applc.compiler.source.SourceSpan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The escape hatches an appliance closes (seed 003's lockdown): the units the build masks, and the
 * kernel and manager settings that go with them.
 */
final class LockdownFiles {
  private LockdownFiles() {}

  /** The VTs that have a getty by default: logind's {@code NAutoVTs=6}. */

  /**
   * The units to mask, in a fixed order: gettys, Ctrl+Alt+Del, the emergency and rescue shells,
   * then the spec's own {@code mask} list. A getty stays on the session's VT (the session takes it
   * over) and on VTs the spec lists or a profile opens; units the appliance enables are never
   * masked.
   */
  static List<String> masks(BackendContext ctx) {
    OperatingSystem os = ctx.appliance().os();
    // Reports unit names systemd would not accept; an error stops the compile.
    UnitValues.unitNames(os.mask(), os.origin().at("mask"), ctx.diagnostics());
    return UnitPlan.masked(ctx.appliance());
  }

  /** The mask list for the build, and the sysctl and manager settings of the lockdown. */
  static void write(BackendContext ctx) {
    Appliance a = ctx.appliance();
    List<SourceSpan> from = List.of(a.origin().header());
    BuildList.write(
        ctx,
        "mask.list",
        "Units the build masks (systemctl mask): the lockdown.",
        masks(ctx),
        from);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("appliance", a.name());
    String name = "50-" + a.name() + "-lockdown.conf";
    if (!a.lockdown().sysrq()) {
      ctx.out()
          .add(
              SystemdBackend.SYSCTL_DIR + "/" + name,
              Templates.render("systemd/sysctl.conf.ftl", m),
              OutputTree.MODE_FILE,
              from);
    }
    if (!a.lockdown().ctrlAltDel()) {
      ctx.out()
          .add(
              SystemdBackend.SYSTEM_CONF_DIR + "/" + name,
              Templates.render("systemd/system.conf.ftl", m),
              OutputTree.MODE_FILE,
              from);
    }
  }
}
