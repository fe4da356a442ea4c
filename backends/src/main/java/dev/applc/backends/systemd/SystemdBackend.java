package dev.applc.backends.systemd;

import dev.applc.compiler.backend.Backend;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Content.UnitDefinition;
import dev.applc.compiler.model.OperatingSystem;
import dev.applc.compiler.model.Origin;
import dev.applc.compiler.model.Session;
import dev.applc.compiler.model.Sysext;
import dev.applc.compiler.model.UpdatePolicy;
import dev.applc.compiler.source.SourceSpan;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * systemd's side of an appliance: the units the spec defines, the boot-to-app session, the unit
 * that marks a boot good, lockdown masks and settings, the preset that enables units, tmpfiles for
 * a factory /etc, fstab and crypttab, and the extension-release files of system extensions. An
 * appliance on sysvinit gets only its fstab.
 */
public final class SystemdBackend implements Backend {
  /** Where units go in the image. */
  public static final String UNIT_DIR = "rootfs/usr/lib/systemd/system";

  public static final String PRESET_DIR = "rootfs/usr/lib/systemd/system-preset";
  public static final String SYSCTL_DIR = "rootfs/usr/lib/sysctl.d";
  public static final String SYSTEM_CONF_DIR = "rootfs/usr/lib/systemd/system.conf.d";
  public static final String TMPFILES_DIR = "rootfs/usr/lib/tmpfiles.d";
  public static final String FSTAB = "rootfs/etc/fstab";
  public static final String CRYPTTAB = "rootfs/etc/crypttab";

  /**
   * Lists for the build, one unit per line after {@code #} comments: {@code mask.list} (units to
   * mask), {@code enable.list} (units to enable, instances spelled out) and {@code
   * default-target.list} (the one default target).
   */
  public static final String BUILD_DIR = "build/systemd";

  /** Sysext trees the build fills: {@code build/sysext/NAME/usr/...}. */
  public static final String SYSEXT_DIR = "build/sysext";

  @Override
  public String id() {
    return "systemd";
  }

  @Override
  public void generate(BackendContext ctx) {
    Appliance a = ctx.appliance();
    if (a.os().init() == OperatingSystem.InitSystem.SYSVINIT) {
      MountTables.fstab(ctx, false);
      for (Sysext s : a.sysexts()) {
        ctx.diagnostics()
            .add(
                Diagnostic.error(
                        Code.SYSVINIT_WITH_SYSTEMD_FEATURE,
                        s.origin().header(),
                        "`sysext " + s.name() + "` needs systemd, but the OS uses sysvinit")
                    .label("a systemd feature")
                    .help("use `init = systemd`, or ship the files in `overlays`"));
      }
      return;
    }
    Map<String, SourceSpan> unitFiles = new HashMap<>();
    for (UnitDefinition u : a.os().content().units()) {
      if (claim(ctx, unitFiles, u.name(), u.origin().header())) {
        SpecUnits.render(ctx, u).ifPresent(text -> add(ctx, unitPath(u.name()), text, u.origin()));
      }
    }
    Optional<String> session = Optional.empty();
    if (a.session().isPresent()) {
      Session s = a.session().get();
      if (claim(ctx, unitFiles, s.unit(), s.origin().at("unit"))) {
        Optional<String> text = SessionUnit.render(ctx, s);
        if (text.isPresent()) {
          add(ctx, unitPath(s.unit()), text.get(), s.origin());
          session = Optional.of(s.unit());
        }
      }
    }
    Optional<String> markGood = markGood(ctx, unitFiles);
    HealthReboot.write(ctx);
    InPlaceEncryption.write(ctx);
    LockdownFiles.write(ctx);
    Enablement.write(ctx, session, markGood);
    boolean fstab = MountTables.fstab(ctx, true);
    boolean crypttab = MountTables.crypttab(ctx);
    FactoryEtc.write(ctx, fstab, crypttab);
    for (Sysext s : a.sysexts()) {
      ExtensionRelease.write(ctx, s);
    }
  }

  /** Writes the file that marks boots good; returns the unit to enable, if it is one. */
  private static Optional<String> markGood(BackendContext ctx, Map<String, SourceSpan> unitFiles) {
    Optional<MarkGood.File> good = MarkGood.file(ctx);
    if (good.isEmpty()) {
      return MarkGood.defaultCheck(ctx.appliance());
    }
    UpdatePolicy update = ctx.appliance().update().orElseThrow();
    String path = good.get().path();
    boolean isUnit = path.equals(unitPath(MarkGood.RAUC_UNIT));
    if (isUnit && !claim(ctx, unitFiles, MarkGood.RAUC_UNIT, update.origin().header())) {
      return Optional.empty();
    }
    ctx.out()
        .add(
            path,
            good.get().text(),
            OutputTree.MODE_FILE,
            List.of(update.origin().span(), update.rollback().origin().span()));
    return isUnit ? Optional.of(MarkGood.RAUC_UNIT) : Optional.empty();
  }

  static String unitPath(String unit) {
    return UNIT_DIR + "/" + unit;
  }

  /**
   * Takes a unit file name for one writer; a second claim (the spec defines the unit twice, or
   * defines one this backend generates) is reported instead.
   */
  private static boolean claim(
      BackendContext ctx, Map<String, SourceSpan> claimed, String unit, SourceSpan at) {
    if (UnitValues.unitFileName(unit, at, ctx.diagnostics()).isEmpty()) {
      return false;
    }
    SourceSpan first = claimed.putIfAbsent(unit, at);
    if (first != null) {
      ctx.diagnostics()
          .add(
              Diagnostic.error(Code.DUPLICATE_NAME, at, "unit `" + unit + "` is defined twice")
                  .label("defined again here")
                  .related(first, "first defined here")
                  .help("give one of the two units another name"));
      return false;
    }
    return true;
  }

  private static void add(BackendContext ctx, String path, String text, Origin origin) {
    ctx.out().add(path, text, OutputTree.MODE_FILE, List.of(origin.span()));
  }
}
