package dev.applc.backends.kernel;

import dev.applc.backends.template.Templates;
import dev.applc.compiler.backend.Backend;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Boot;
import dev.applc.compiler.model.OperatingSystem;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.PartitionType;
import dev.applc.compiler.model.Profile;
import dev.applc.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kernel's side of the appliance: its command line ({@code kernel/cmdline}, or {@code
 * kernel/cmdline-SLOT} when each slot boots its own), what the placeholders in it stand for ({@code
 * kernel/cmdline.placeholders}), the modules the initrd needs ({@code kernel/initrd-modules}) and
 * the modules systemd loads at boot ({@code rootfs/usr/lib/modules-load.d/APPLIANCE.conf}).
 *
 * <p>The command line files hold one line of text and nothing else, as the UKI's {@code .cmdline}
 * section or a boot loader entry takes it; they have no header because the format has no comments.
 * The placeholders file carries the header and explains the line.
 */
public final class KernelBackend implements Backend {
  public static final String DIR = "kernel";
  public static final String CMDLINE = DIR + "/cmdline";
  public static final String PLACEHOLDERS = DIR + "/cmdline.placeholders";
  public static final String INITRD_MODULES = DIR + "/initrd-modules";
  static final String MODULES_LOAD_DIR = "rootfs/usr/lib/modules-load.d";

  @Override
  public String id() {
    return "kernel";
  }

  @Override
  public void generate(BackendContext ctx) {
    Appliance a = ctx.appliance();
    check(ctx);
    List<SourceSpan> origins = origins(a);
    Set<Placeholder> used = EnumSet.noneOf(Placeholder.class);
    for (CommandLine.Line line : CommandLine.lines(a, ctx.target())) {
      String path = line.slot().map(s -> CMDLINE + "-" + s).orElse(CMDLINE);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("line", line.text());
      ctx.out().add(path, Templates.render("kernel/cmdline.ftl", m), OutputTree.MODE_FILE, origins);
      used.addAll(line.placeholders());
    }
    placeholders(ctx, used, origins);
    initrdModules(ctx);
    modulesLoad(ctx);
  }

  private static List<SourceSpan> origins(Appliance a) {
    List<SourceSpan> origins = new ArrayList<>();
    origins.add(a.boot().kernel().origin().span());
    origins.add(a.board().origin().span());
    a.disk().partitions().stream()
        .filter(p -> p.type().kind().isVerityData() && p.derivedFrom().isEmpty())
        .forEach(p -> origins.add(p.origin().span()));
    a.profiles().stream()
        .filter(p -> !p.cmdline().isEmpty())
        .forEach(p -> origins.add(p.origin().at("cmdline")));
    return origins;
  }

  private static void placeholders(
      BackendContext ctx, Set<Placeholder> used, List<SourceSpan> origins) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (Placeholder p : used) {
      rows.add(Map.of("token", p.token(), "meaning", p.meaning()));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("perSlot", CommandLine.perSlot(ctx.appliance()));
    m.put("placeholders", rows);
    ctx.out()
        .add(
            PLACEHOLDERS,
            Templates.render("kernel/placeholders.ftl", m),
            OutputTree.MODE_FILE,
            origins);
  }

  /** The spec's initrd modules, then what mounting /usr and root needs. */
  private static void initrdModules(BackendContext ctx) {
    Appliance a = ctx.appliance();
    Boot.Initrd initrd = a.boot().initrd();
    Set<String> modules = new LinkedHashSet<>(initrd.modules());
    List<SourceSpan> origins = new ArrayList<>();
    if (!initrd.modules().isEmpty()) {
      origins.add(initrd.origin().at("modules"));
    }
    for (PartitionType.Kind kind : List.of(PartitionType.Kind.USR, PartitionType.Kind.ROOT)) {
      Optional<Partition> p = CommandLine.os(a, kind, Optional.empty());
      if (p.isEmpty()) {
        continue;
      }
      boolean needed = false;
      if (p.get().verity().enabled()) {
        modules.add("dm-verity");
        needed = true;
      }
      if (p.get().encryption().isPresent()) {
        modules.add("dm-crypt");
        needed = true;
      }
      switch (p.get().format()) {
        case SQUASHFS, EROFS, BTRFS, XFS -> {
          modules.add(p.get().format().id());
          needed = true;
        }
        default -> {}
      }
      if (needed) {
        origins.add(p.get().origin().span());
      }
    }
    if (modules.isEmpty()) {
      return;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("modules", List.copyOf(modules));
    ctx.out()
        .add(
            INITRD_MODULES,
            Templates.render("kernel/initrd-modules.ftl", m),
            OutputTree.MODE_FILE,
            origins);
  }

  private static void modulesLoad(BackendContext ctx) {
    Appliance a = ctx.appliance();
    Boot.Kernel k = a.boot().kernel();
    if (k.modules().isEmpty()) {
      return;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("modules", k.modules());
    ctx.out()
        .add(
            MODULES_LOAD_DIR + "/" + a.name() + ".conf",
            Templates.render("kernel/modules-load.conf.ftl", m),
            OutputTree.MODE_FILE,
            List.of(k.origin().at("modules")));
  }

  /**
   * Reports what cannot go on the command line: arguments the kernel would read differently,
   * console names that are not one, shells that lockdown closes, and /usr verity without the
   * systemd initrd that sets it up.
   */
  private static void check(BackendContext ctx) {
    Appliance a = ctx.appliance();
    a.board()
        .console()
        .filter(c -> !KernelArguments.isSafeConsole(c))
        .ifPresent(
            c ->
                ctx.diagnostics()
                    .add(
                        Diagnostic.error(
                                Code.UNSAFE_STRING,
                                a.board().origin().at("console"),
                                "console `" + c + "` is not a console name the kernel reads")
                            .label("not a console name")
                            .note("it becomes `console=" + c + "` on the kernel command line")
                            .help(
                                "name the device and its options, such as `\"ttyS0,115200\"`:"
                                    + " letters, digits and `,._:-`")));
    Boot.Kernel k = a.boot().kernel();
    Set<String> fromProfiles = new LinkedHashSet<>();
    for (Profile p : a.profiles()) {
      for (String arg : p.cmdline()) {
        fromProfiles.add(arg);
        checkArgument(ctx, arg, p.origin().at("cmdline"));
      }
    }
    for (String arg : k.cmdline()) {
      if (!fromProfiles.contains(arg)) {
        checkArgument(ctx, arg, k.origin().at("cmdline"));
      }
    }
    Optional<Partition> usr = CommandLine.os(a, PartitionType.Kind.USR, Optional.empty());
    if (usr.isPresent() && usr.get().verity().enabled() && !CommandLine.systemdInitrd(a)) {
      Boot.Initrd initrd = a.boot().initrd();
      boolean sysvinit = a.os().init() != OperatingSystem.InitSystem.SYSTEMD;
      SourceSpan at = sysvinit ? a.os().origin().at("init") : initrd.origin().at("generator");
      ctx.diagnostics()
          .add(
              Diagnostic.error(
                      Code.TARGET_UNSUPPORTED,
                      at,
                      "a /usr partition with dm-verity needs systemd's initrd, which "
                          + (sysvinit
                              ? "a system without systemd does not have"
                              : "`" + initrd.generator().orElse("") + "` does not build"))
                  .label(sysvinit ? "no systemd" : "not a systemd initrd")
                  .related(usr.get().origin().at("verity"), "verity on /usr")
                  .note(
                      "`usrhash=` and `mount.usr=` are read by systemd's veritysetup and fstab"
                          + " generators in the initrd")
                  .help("use `generator = dracut` (or leave `generator` unset) in `initrd`"));
    }
  }

  private static void checkArgument(BackendContext ctx, String arg, SourceSpan at) {
    Appliance a = ctx.appliance();
    if (!KernelArguments.isOneParameter(arg)) {
      ctx.diagnostics()
          .add(
              Diagnostic.error(
                      Code.UNSAFE_STRING,
                      at,
                      "kernel argument `" + arg + "` is not one kernel parameter")
                  .label("blanks, quotes or characters outside printable ASCII")
                  .note(
                      "the kernel splits its command line at blanks and strips double quotes; it"
                          + " has no escapes")
                  .help(
                      "write one parameter per string, such as `\"quiet\"` or"
                          + " `\"key=\\\"value with blanks\\\"\"`"));
      return;
    }
    if (KernelArguments.hasPlaceholder(arg)) {
      ctx.diagnostics()
          .add(
              Diagnostic.error(
                      Code.UNSAFE_STRING,
                      at,
                      "kernel argument `" + arg + "` holds an `@NAME@` placeholder")
                  .label("the build would replace it")
                  .note(
                      "the build fills `@NAME@` placeholders, such as `@ROOTHASH@`, in the command line")
                  .help("remove the `@NAME@` part; the compiler adds the verity arguments itself"));
      return;
    }
    KernelArguments.opensShell(arg)
        .ifPresent(
            shell -> {
              boolean initrd = shell.scope() == KernelArguments.ShellScope.INITRD;
              boolean allowed = initrd ? a.boot().initrd().shell() : a.lockdown().emergencyShell();
              if (allowed) {
                return;
              }
              ctx.diagnostics()
                  .add(
                      Diagnostic.error(
                              Code.CONFLICTING_SETTINGS,
                              at,
                              "kernel argument `"
                                  + arg
                                  + "` "
                                  + shell.how()
                                  + ", but "
                                  + (initrd
                                      ? "`initrd` has `shell = off`"
                                      : "`lockdown` has `emergency-shell = off`"))
                          .label("opens a shell")
                          .help(
                              initrd
                                  ? "remove the argument, or set `shell = on` in `initrd`"
                                  : "remove the argument, or set `emergency-shell = on` in"
                                      + " `lockdown`"));
            });
  }
}
