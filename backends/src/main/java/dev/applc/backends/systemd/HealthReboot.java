package dev.applc.backends.systemd;

import dev.applc.backends.template.Templates;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.UpdatePolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failed health check reboots: a drop-in gives the service that {@code rollback { good-when }}
 * names {@code FailureAction=reboot}. Without it a new version whose check fails stays up,
 * unmarked, until someone power-cycles the device; with it the boot loader counts the failed boot
 * and, after the spec's tries, falls back by itself. Only a service can fail: a target never does,
 * so a target gets no drop-in (it still gates the marking).
 */
final class HealthReboot {
  private HealthReboot() {}

  static void write(BackendContext ctx) {
    Appliance a = ctx.appliance();
    if (a.update().isEmpty()) {
      return;
    }
    UpdatePolicy.Rollback r = a.update().get().rollback();
    if (r.goodWhen().isEmpty() || !r.goodWhen().get().endsWith(".service")) {
      return;
    }
    String unit = r.goodWhen().get();
    if (UnitValues.unitName(unit, r.origin().at("good-when"), ctx.diagnostics()).isEmpty()) {
      return;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("goodWhen", unit);
    m.put("tries", r.tries());
    ctx.out()
        .add(
            SystemdBackend.UNIT_DIR + "/" + unit + ".d/50-" + a.name() + "-health.conf",
            Templates.render("systemd/health-reboot.conf.ftl", m),
            OutputTree.MODE_FILE,
            List.of(r.origin().span()));
  }
}
