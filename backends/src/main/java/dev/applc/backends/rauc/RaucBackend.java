package dev.applc.backends.rauc;

import dev.applc.backends.escape.Escape;
import dev.applc.backends.rauc.SlotClasses.Slot;
import dev.applc.backends.rauc.SlotClasses.SlotClass;
import dev.applc.backends.template.Templates;
import dev.applc.compiler.backend.Backend;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.backend.Target;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.Partition.Filesystem;
import dev.applc.compiler.model.UpdatePolicy;
import dev.applc.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RAUC's device configuration ({@code rootfs/etc/rauc/system.conf}) and the bundle manifest ({@code
 * bundle/manifest.raucm}) of an appliance that updates with RAUC. Both come from the same slot
 * classes ({@link SlotClasses}) and the same compatible string, so that every bundle the build
 * makes installs on the device it was made for. Only keys the target's RAUC knows are written: RAUC
 * refuses a file with a key it does not know.
 */
public final class RaucBackend implements Backend {
  public static final String SYSTEM_CONF = "rootfs/etc/rauc/system.conf";
  public static final String MANIFEST = "bundle/manifest.raucm";

  /** Where the build installs the CA certificate that verifies bundles. */
  public static final String KEYRING = "/etc/rauc/keyring.pem";

  @Override
  public String id() {
    return "rauc";
  }

  @Override
  public void generate(BackendContext ctx) {
    Appliance a = ctx.appliance();
    Optional<UpdatePolicy> update = a.update().filter(u -> u.method() == UpdatePolicy.Method.RAUC);
    Optional<String> compatible = update.flatMap(u -> u.compatible().or(a::compatible));
    if (update.isEmpty() || compatible.isEmpty() || !a.disk().hasSlots()) {
      return; // The checker reports RAUC without a compatible string or without slots.
    }
    UpdatePolicy u = update.get();
    RaucBootloader bootloader = RaucBootloader.of(a);
    List<SlotClass> classes = SlotClasses.of(a, bootloader);
    checkTarget(ctx, u, bootloader);
    checkNames(ctx, classes);

    List<SourceSpan> origins = new ArrayList<>();
    origins.add(u.origin().span());
    origins.add(a.board().origin().span());
    classes.forEach(c -> c.slots().forEach(s -> origins.add(s.partition().origin().span())));
    ctx.out()
        .add(
            SYSTEM_CONF,
            Templates.render(
                "rauc/system.conf.ftl", systemConf(ctx, u, compatible.get(), bootloader, classes)),
            OutputTree.MODE_FILE,
            origins);
    ctx.out()
        .add(
            MANIFEST,
            Templates.render(
                "rauc/manifest.raucm.ftl", manifest(ctx, u, compatible.get(), classes)),
            OutputTree.MODE_FILE,
            List.of(u.origin().span(), a.origin().header()));
    if (bootloader == RaucBootloader.CUSTOM && SystemdBootSlots.espMount(a).isPresent()) {
      Map<String, Object> scripts = systemdBootScripts(ctx, u, classes);
      ctx.out()
          .add(
              "rootfs" + SystemdBootSlots.BACKEND,
              Templates.renderScript("rauc/systemd-boot-backend.sh.ftl", scripts),
              OutputTree.MODE_EXECUTABLE,
              origins);
      ctx.out()
          .add(
              "bundle/" + SystemdBootSlots.HOOK,
              Templates.renderScript("rauc/bundle-hook.sh.ftl", scripts),
              OutputTree.MODE_EXECUTABLE,
              origins);
    }
  }

  /** What the systemd-boot backend script and the bundle hook are made from. */
  private static Map<String, Object> systemdBootScripts(
      BackendContext ctx, UpdatePolicy u, List<SlotClass> classes) {
    Appliance a = ctx.appliance();
    String esp = SystemdBootSlots.espMount(a).orElseThrow();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("esp", esp);
    m.put("espWord", Escape.shell(esp));
    m.put("prefix", a.name());
    m.put("prefixWord", Escape.shell(a.name()));
    m.put("ukiFolder", SystemdBootSlots.ukiFolder(a));
    m.put("ukiFolderWord", Escape.shell(SystemdBootSlots.ukiFolder(a)));
    m.put("tries", u.rollback().tries());
    SlotClass boot = classes.stream().filter(SlotClass::bootable).findFirst().orElseThrow();
    m.put("bootClassWord", Escape.shell(boot.name()));
    List<Map<String, Object>> slots = new ArrayList<>();
    for (String name : a.disk().slotNames()) {
      slots.add(
          Map.of(
              "bootnameWord", Escape.shell(SlotClasses.bootname(name)),
              "idWord", Escape.shell(SystemdBootSlots.id(name))));
    }
    m.put("slots", slots);
    return m;
  }

  private static Map<String, Object> systemConf(
      BackendContext ctx,
      UpdatePolicy u,
      String compatible,
      RaucBootloader bootloader,
      List<SlotClass> classes) {
    Appliance a = ctx.appliance();
    Target target = ctx.target();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("rauc", target.rauc());
    m.put("notes", notes(a, u, bootloader, classes));
    m.put("compatible", Escape.keyFile(compatible));
    m.put("bootloader", bootloader.id());
    // Exactly the spec's format: a device that expects verity bundles takes nothing weaker.
    m.put("bundleFormats", u.bundleFormat());
    if (bootloader == RaucBootloader.UBOOT) {
      // What RAUC writes into BOOT_x_LEFT on install and on mark-good: the spec's tries.
      m.put("bootAttempts", u.rollback().tries());
    }
    dataDirectory(a)
        .ifPresent(
            dir -> {
              if (target.raucAtLeast(1, 8)) {
                m.put("dataDirectory", Escape.keyFile(dir));
              } else {
                m.put("statusFile", Escape.keyFile(dir + "/central.raucs"));
              }
            });
    if (downloadsBundles(u)) {
      m.put("maxBundleDownloadSize", maxBundleSize(classes));
    }
    m.put("keyring", KEYRING);
    m.put("casync", u.delta().equals("casync"));
    if (bootloader == RaucBootloader.CUSTOM) {
      m.put("customBackend", SystemdBootSlots.BACKEND);
    }
    List<Map<String, Object>> slots = new ArrayList<>();
    for (SlotClass c : classes) {
      for (Slot s : c.slots()) {
        Map<String, Object> slot = new LinkedHashMap<>();
        slot.put("section", s.section());
        slot.put("device", Escape.keyFile(s.partition().devicePath()));
        slot.put("type", c.type());
        s.bootname().ifPresent(b -> slot.put("bootname", Escape.keyFile(b)));
        s.parent().ifPresent(p -> slot.put("parent", p));
        slots.add(slot);
      }
    }
    m.put("slots", slots);
    return m;
  }

  /** Comment lines that say what the file relies on outside itself. */
  private static List<String> notes(
      Appliance a, UpdatePolicy u, RaucBootloader bootloader, List<SlotClass> classes) {
    List<String> notes = new ArrayList<>();
    String bootnames =
        String.join(
            ", ",
            a.disk().slotNames().stream()
                .map(SlotClasses::bootname)
                .map(b -> "`" + b + "`")
                .toList());
    switch (bootloader) {
      case UBOOT -> {
        notes.add(
            "u-boot's boot script picks the slot from BOOT_ORDER and BOOT_x_LEFT ("
                + u.rollback().tries()
                + " tries);");
        notes.add("RAUC changes them with fw_setenv, which reads /etc/fw_env.config.");
      }
      case EFI -> {
        notes.add(
            "The firmware boots the slot whose EFI boot entry is labelled " + bootnames + ";");
        notes.add(
            "RAUC boots a new slot once with BootNext and falls back to BootOrder if it fails.");
      }
      case CUSTOM ->
          notes.add(
              "systemd-boot's boot counting chooses the slot; RAUC asks "
                  + SystemdBootSlots.BACKEND
                  + ".");
    }
    boolean partial = classes.stream().anyMatch(c -> c.image().isEmpty());
    if (partial) {
      notes.add("Slot classes without an image in the manifest are left as they are on update.");
    }
    return notes;
  }

  private static Map<String, Object> manifest(
      BackendContext ctx, UpdatePolicy u, String compatible, List<SlotClass> classes) {
    Appliance a = ctx.appliance();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("bundleName", BundleImages.bundleFileName(a));
    m.put("compatible", Escape.keyFile(compatible));
    m.put("version", Escape.keyFile(a.version()));
    a.description().ifPresent(d -> m.put("description", Escape.keyFile(d)));
    m.put("format", u.bundleFormat());
    List<Map<String, Object>> images = new ArrayList<>();
    for (SlotClass c : classes) {
      c.image()
          .ifPresent(
              file -> {
                Map<String, Object> image = new LinkedHashMap<>();
                image.put("slotClass", c.name());
                image.put("filename", Escape.keyFile(file));
                images.add(image);
              });
    }
    m.put("images", images);
    if (RaucBootloader.of(a) == RaucBootloader.CUSTOM) {
      m.put("hook", SystemdBootSlots.HOOK);
      classes.stream()
          .filter(SlotClass::bootable)
          .findFirst()
          .ifPresent(c -> m.put("hookedClass", c.name()));
    }
    return m;
  }

  /**
   * Where RAUC keeps its state: {@code rauc/} on a persistent partition that updates do not
   * replace, preferably the one mounted at {@code /data}. A partition wiped by a factory reset
   * would forget which slot is good.
   */
  public static Optional<String> dataDirectory(Appliance a) {
    List<Partition> candidates = new ArrayList<>();
    for (Partition p : a.disk().partitions()) {
      boolean writable =
          p.format() == Filesystem.EXT4
              || p.format() == Filesystem.BTRFS
              || p.format() == Filesystem.XFS;
      if (p.slot().isEmpty() && p.mount().isPresent() && writable && !p.factoryReset()) {
        candidates.add(p);
      }
    }
    Optional<Partition> chosen =
        candidates.stream()
            .filter(p -> p.mount().get().equals("/data"))
            .findFirst()
            .or(() -> candidates.stream().findFirst());
    return chosen.map(
        p -> p.mount().get().equals("/") ? "/var/lib/rauc" : p.mount().get() + "/rauc");
  }

  /** RAUC downloads a bundle to a file only for plain bundles over HTTP; others it streams. */
  private static boolean downloadsBundles(UpdatePolicy u) {
    return u.bundleFormat().equals("plain")
        && !u.delta().equals("casync")
        && u.source().map(s -> s.startsWith("http://") || s.startsWith("https://")).orElse(false);
  }

  /**
   * The largest bundle there can be: one slot group's partitions (no image is larger than its
   * partition) plus a MiB for the manifest and signature. RAUC's default is 8 MiB.
   */
  private static long maxBundleSize(List<SlotClass> classes) {
    long bytes = 1L << 20;
    for (SlotClass c : classes) {
      if (c.image().isPresent()) {
        bytes += c.slots().get(0).partition().allocated();
      }
    }
    return bytes;
  }

  /** What the spec asks that the target's RAUC version cannot do. */
  private static void checkTarget(BackendContext ctx, UpdatePolicy u, RaucBootloader bootloader) {
    Target target = ctx.target();
    String format = u.bundleFormat();
    int[] since =
        switch (format) {
          case "verity" -> new int[] {1, 5};
          case "crypt" -> new int[] {1, 7};
          default -> new int[] {0, 0};
        };
    if (!target.raucAtLeast(since[0], since[1])) {
      ctx.diagnostics()
          .add(
              Diagnostic.error(
                      Code.TARGET_UNSUPPORTED,
                      u.origin().at("bundle"),
                      "RAUC "
                          + target.rauc()
                          + " on this release cannot install `"
                          + format
                          + "` bundles")
                  .label("needs RAUC " + since[0] + "." + since[1])
                  .help(
                      "use `bundle = plain`, or target a release with RAUC "
                          + since[0]
                          + "."
                          + since[1]
                          + " or later"));
    }
    if (format.equals("crypt") && u.delta().equals("casync") && !target.raucAtLeast(1, 9)) {
      ctx.diagnostics()
          .add(
              Diagnostic.error(
                      Code.TARGET_UNSUPPORTED,
                      u.origin().at("delta"),
                      "RAUC " + target.rauc() + " cannot convert `crypt` bundles for casync")
                  .label("casync with an encrypted bundle")
                  .related(u.origin().at("bundle"), "the bundle is encrypted")
                  .note(
                      "`rauc convert` re-signs the bundle and fails with \"Missing key for crypt"
                          + " bundle\"")
                  .help("use `bundle = verity` with `delta = casync`, or turn delta updates off"));
    }
    boolean remote =
        u.source().map(s -> s.startsWith("http://") || s.startsWith("https://")).orElse(false);
    if (format.equals("plain") && remote) {
      ctx.diagnostics()
          .add(
              Diagnostic.error(
                      Code.TARGET_DEGRADED,
                      u.origin().at("bundle"),
                      "RAUC built with streaming support cannot install `plain` bundles from a URL")
                  .label("plain bundle from " + u.source().get())
                  .note(
                      "Debian's RAUC is built with streaming; it installs only `verity` and"
                          + " `crypt` bundles over HTTP")
                  .help("use `bundle = verity`"));
    }
    if (bootloader == RaucBootloader.CUSTOM
        && SystemdBootSlots.espMount(ctx.appliance()).isEmpty()) {
      Partition esp = SystemdBootSlots.esp(ctx.appliance()).orElseThrow();
      ctx.diagnostics()
          .add(
              Diagnostic.error(
                      Code.TARGET_UNSUPPORTED,
                      esp.origin().header(),
                      "RAUC switches slots through systemd-boot's entries on the ESP, and the ESP"
                          + " is not mounted")
                  .label("no `mount`")
                  .note("an update writes the new slot's kernel image and boot entry to the ESP")
                  .help("mount it: `mount = \"/efi\"`"));
    }
  }

  /** Names RAUC splits or compares: slot classes without dots, distinct bootnames. */
  private static void checkNames(BackendContext ctx, List<SlotClass> classes) {
    for (SlotClass c : classes) {
      Partition first = c.slots().get(0).partition();
      if (c.name().contains(".")) {
        ctx.diagnostics()
            .add(
                Diagnostic.error(
                        Code.TARGET_UNSUPPORTED,
                        first.origin().header(),
                        "RAUC cannot name a slot class `"
                            + c.name()
                            + "`: it splits `slot.CLASS.INDEX` at dots")
                    .label("partition name with a dot")
                    .help("rename the partition without `.`"));
      }
      Map<Integer, String> byIndex = new HashMap<>();
      for (Slot s : c.slots()) {
        String earlier = byIndex.putIfAbsent(s.index(), s.partition().id());
        if (earlier != null) {
          ctx.diagnostics()
              .add(
                  Diagnostic.error(
                          Code.TARGET_UNSUPPORTED,
                          s.partition().origin().header(),
                          "partitions `"
                              + earlier
                              + "` and `"
                              + s.partition().id()
                              + "` would be the same RAUC slot `"
                              + s.section()
                              + "`")
                      .label("slot class `" + c.name() + "`")
                      .help("rename one of the partitions"));
        }
      }
      Map<String, String> bootnames = new HashMap<>();
      for (Slot s : c.slots()) {
        if (s.bootname().isEmpty()) {
          continue;
        }
        String slot = s.partition().slot().orElseThrow();
        String other = bootnames.putIfAbsent(s.bootname().get(), slot);
        if (other != null) {
          ctx.diagnostics()
              .add(
                  Diagnostic.error(
                          Code.TARGET_UNSUPPORTED,
                          s.partition().origin().header(),
                          "slots `"
                              + other
                              + "` and `"
                              + slot
                              + "` both have the RAUC bootname `"
                              + s.bootname().get()
                              + "`")
                      .label("bootnames are slot names in upper case")
                      .help("give the slots names that differ in more than case"));
        }
      }
    }
  }
}
