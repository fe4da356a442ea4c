package dev.applc.backends.systemd;

import dev.applc.backends.template.Templates;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.UnitCommands;
import dev.applc.compiler.model.UpdatePolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What marks a boot good, ordered after the unit the spec's {@code rollback { good-when }} names.
 *
 * <p>RAUC: {@code rauc-mark-good.service} (RAUC's integration example), pulled in by
 * multi-user.target, {@code Requires=} and {@code After=} the good-when unit, so that the slot is
 * marked only when that unit started (seed 001: {@code app.target}). Without good-when the slot is
 * still marked once multi-user.target is up: unmarked, every boot of a new slot would use up a try.
 *
 * <p>RAUC's example unit also has {@code ConditionKernelCommandLine=|rauc.slot} (and {@code
 * |bootchooser.active}): left out. The per-slot UKIs of EFI boards and u-boot's boot.cmd put {@code
 * rauc.slot=} on the command line, but a board whose boot loader does not would have every boot
 * skip the marking; RAUC fails by itself where it cannot tell the slot.
 *
 * <p>sysupdate: systemd-boot's boot counting, blessed by {@code systemd-bless-boot.service} once
 * {@code boot-complete.target} is reached; a drop-in makes that target need the good-when unit.
 */
public final class MarkGood {
  private MarkGood() {}

  static final String RAUC_UNIT = "rauc-mark-good.service";
  static final List<String> RAUC_COMMAND = List.of(UnitCommands.RAUC, "status", "mark-good");
  static final String BOOT_COMPLETE = "boot-complete.target";
  static final String MULTI_USER = "multi-user.target";
  static final String BLESS_BOOT = "systemd-bless-boot.service";

  /** The unit that marks a boot good on the device, for an update method. */
  public static String unit(UpdatePolicy.Method method) {
    return method == UpdatePolicy.Method.RAUC ? RAUC_UNIT : BLESS_BOOT;
  }

  /** A generated file: where it goes in the output and its text. */
  record File(String path, String text) {}

  /** The file that marks boots good, if the appliance updates with boot counting. */
  static Optional<File> file(BackendContext ctx) {
    Appliance a = ctx.appliance();
    if (a.update().isEmpty()) {
      return Optional.empty();
    }
    UpdatePolicy u = a.update().get();
    UpdatePolicy.Rollback r = u.rollback();
    Optional<String> goodWhen =
        r.goodWhen()
            .flatMap(g -> UnitValues.unitName(g, r.origin().at("good-when"), ctx.diagnostics()));
    if (r.goodWhen().isPresent() && goodWhen.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("appliance", a.name());
    m.put("tries", r.tries());
    goodWhen.ifPresent(g -> m.put("goodWhen", g));
    if (u.method() == UpdatePolicy.Method.RAUC) {
      List<String> after = new ArrayList<>();
      after.add(MULTI_USER);
      goodWhen.filter(g -> !g.equals(MULTI_USER)).ifPresent(after::add);
      m.put("after", after);
      m.put("exec", ExecLine.render(RAUC_COMMAND));
      m.put("wantedBy", MULTI_USER);
      return Optional.of(
          new File(
              SystemdBackend.UNIT_DIR + "/" + RAUC_UNIT,
              Templates.render("systemd/rauc-mark-good.service.ftl", m)));
    }
    if (goodWhen.isEmpty() || goodWhen.get().equals(BOOT_COMPLETE)) {
      return Optional.empty(); // boot-complete.target itself: nothing to add
    }
    return Optional.of(
        new File(
            SystemdBackend.UNIT_DIR + "/" + BOOT_COMPLETE + ".d/50-" + a.name() + "-good-when.conf",
            Templates.render("systemd/good-when.conf.ftl", m)));
  }

  /** systemd's own check that no unit failed, which boot-complete.target then requires. */
  static final String NO_FAILURES = "systemd-boot-check-no-failures.service";

  /**
   * The unit that guards boot-complete.target when the spec names no unit of its own (or names
   * boot-complete.target itself): without one, nothing is ordered before the target, and
   * systemd-bless-boot would bless every boot that got that far. systemd ships {@link #NO_FAILURES}
   * for this; enabled, it is RequiredBy= the target and fails when any unit failed.
   */
  public static Optional<String> defaultCheck(Appliance a) {
    return a.update()
        .filter(u -> u.method() == UpdatePolicy.Method.SYSUPDATE)
        .filter(u -> u.rollback().goodWhen().map(BOOT_COMPLETE::equals).orElse(true))
        .map(u -> NO_FAILURES);
  }
}
