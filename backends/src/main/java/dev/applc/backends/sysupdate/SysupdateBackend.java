package dev.applc.backends.sysupdate;

import dev.applc.backends.escape.Escape;
import dev.applc.backends.template.Templates;
import dev.applc.compiler.backend.Backend;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Boot;
import dev.applc.compiler.model.EffectiveBoot;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.PartitionType;
import dev.applc.compiler.model.UpdatePolicy;
import dev.applc.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * systemd-sysupdate transfer definitions ({@code rootfs/usr/lib/sysupdate.d/}) for appliances that
 * update with {@code update sysupdate}: one transfer per slotted partition (with its verity hash
 * and signature partitions) and, when there is a UKI, one that installs it in {@code /EFI/Linux},
 * named to sort last so that a boot entry never points at partitions that are not written yet. Also
 * the drop-ins that give the update timer the spec's interval and reboot after an update.
 *
 * <p>Target patterns are slot A's label and {@code _@v}: the labels the compiler checked to leave
 * room for the version. Source patterns are the artifact names of {@link Artifacts}.
 */
public final class SysupdateBackend implements Backend {
  /** Where the transfer definitions go in the image. */
  public static final String DEFINITIONS_DIR = "rootfs/usr/lib/sysupdate.d";

  static final String SYSTEM_DIR = "rootfs/usr/lib/systemd/system";
  static final String TIMER_DROPIN = SYSTEM_DIR + "/systemd-sysupdate.timer.d/50-applc.conf";
  static final String SERVICE_DROPIN = SYSTEM_DIR + "/systemd-sysupdate.service.d/50-applc.conf";
  static final String PRESET = "rootfs/usr/lib/systemd/system-preset/50-applc-sysupdate.preset";

  /** The first systemd that reads {@code *.transfer}; older ones read {@code *.conf}. */
  static final int TRANSFER_SUFFIX_SINCE = 257;

  /** {@code PathRelativeTo=} on the target side (esp, boot, ...). */
  static final int TARGET_PATH_RELATIVE_TO_SINCE = 254;

  /** {@code PathRelativeTo=explicit} on the source side, with {@code --transfer-source=}. */
  static final int SOURCE_PATH_RELATIVE_TO_SINCE = 257;

  /** What an image id may hold to start a UKI's file name. */
  private static final Pattern UKI_NAME_PART = Pattern.compile("[A-Za-z0-9_.-]+");

  /** Where systemd-sysupdate is installed on merged-/usr distributions. */
  static final String SYSUPDATE_BINARY = "/usr/lib/systemd/systemd-sysupdate";

  @Override
  public String id() {
    return "sysupdate";
  }

  @Override
  public void generate(BackendContext ctx) {
    Appliance a = ctx.appliance();
    Optional<UpdatePolicy> update = a.update();
    if (update.isEmpty() || update.get().method() != UpdatePolicy.Method.SYSUPDATE) {
      return;
    }
    UpdatePolicy u = update.get();
    if (!supported(ctx, u)) {
      return;
    }
    Optional<Boot.Uki> uki = a.boot().uki();
    Artifacts artifacts = Artifacts.of(a);
    int instances = a.disk().slotNames().size();
    List<List<Partition>> groups = groups(a);
    int width = groups.size() > 8 ? 3 : 2;
    for (int g = 0; g < groups.size(); g++) {
      List<Partition> group = groups.get(g);
      for (int i = 0; i < group.size(); i++) {
        Partition p = group.get(i);
        String name =
            String.format(Locale.ROOT, "%0" + width + "d-%s", (g + 1) * 10 + i, p.name())
                + suffix(ctx);
        Map<String, Object> m = transfer(ctx, u, instances);
        m.put("comments", partitionComments(a, p));
        m.put("source", source(u, artifacts.partitionPattern(p)));
        m.put("target", partitionTarget(ctx, p));
        add(ctx, name, m, List.of(p.origin().span(), u.origin().span()));
      }
    }
    if (uki.isPresent()) {
      String name = "9".repeat(width) + "-uki" + suffix(ctx);
      boolean counting = EffectiveBoot.countsBoots(a);
      Map<String, Object> m = transfer(ctx, u, instances);
      m.put("comments", ukiComments(u, counting));
      m.put("source", source(u, artifacts.ukiPattern()));
      m.put("target", ukiTarget(ctx, artifacts, u, counting));
      add(
          ctx,
          name,
          m,
          List.of(uki.get().origin().span(), u.origin().span(), u.rollback().origin().span()));
    }
    dropIns(ctx, u);
  }

  /**
   * Whether the target can update the appliance this way; reports why not: no systemd-sysupdate, no
   * source, a UKI no boot loader would find, names a UKI file cannot have.
   */
  private static boolean supported(BackendContext ctx, UpdatePolicy u) {
    Appliance a = ctx.appliance();
    if (!ctx.target().hasSysupdate()) {
      ctx.diagnostics()
          .add(
              Diagnostic.error(
                      Code.TARGET_UNSUPPORTED,
                      u.origin().header(),
                      a.os().distribution().id()
                          + " "
                          + a.os().release()
                          + " has no systemd-sysupdate")
                  .label("`update sysupdate`")
                  .related(a.os().origin().header(), "the target release")
                  .note(
                      "its systemd "
                          + ctx.target().systemd()
                          + " packages ship no systemd-sysupdate binary or units")
                  .help(
                      "target a release that ships systemd-sysupdate, such as debian trixie"
                          + " (systemd 257), or update with `update rauc`"));
      return false;
    }
    if (!a.disk().hasSlots()) {
      return false; // The compiler reports an update without slots (APL0501).
    }
    if (u.source().isEmpty() && ctx.target().systemd() < SOURCE_PATH_RELATIVE_TO_SINCE) {
      ctx.diagnostics()
          .add(
              Diagnostic.error(
                      Code.TARGET_UNSUPPORTED,
                      u.origin().header(),
                      "without `source`, systemd-sysupdate "
                          + ctx.target().systemd()
                          + " has nowhere to fetch updates from")
                  .label("no `source`")
                  .note(
                      "updates from a local folder (`PathRelativeTo=explicit` with"
                          + " `--transfer-source=`) need systemd "
                          + SOURCE_PATH_RELATIVE_TO_SINCE)
                  .help("add `source = \"https://updates.example.com/" + a.name() + "/\"`"));
      return false;
    }
    Optional<Boot.Uki> uki = a.boot().uki();
    if (uki.isPresent() && uki.get().bootloader().equals("none")) {
      ctx.diagnostics()
          .add(
              Diagnostic.error(
                      Code.TARGET_UNSUPPORTED,
                      uki.get().origin().at("bootloader"),
                      "systemd-sysupdate installs each new UKI as a file in "
                          + Artifacts.UKI_DIRECTORY
                          + ", which only systemd-boot reads")
                  .label("no boot loader to find the new UKI")
                  .note("firmware that starts the UKI directly boots one fixed file")
                  .help("set `bootloader = systemd-boot` in `uki`, or update with `update rauc`"));
      return false;
    }
    return uki.isEmpty() || ukiNamesUsable(ctx, u, uki.get());
  }

  /**
   * Slot A's partitions, in disk order, each data partition after its verity signature and hash
   * partitions (the order ParticleOS uses). Other slots hold the same partitions.
   */
  static List<List<Partition>> groups(Appliance a) {
    String first = a.disk().slotNames().get(0);
    List<Partition> slotA =
        a.disk().partitions().stream()
            .filter(p -> p.slot().isPresent() && p.slot().get().equals(first))
            .toList();
    List<List<Partition>> groups = new ArrayList<>();
    for (Partition data : slotA) {
      if (data.derivedFrom().isPresent()) {
        continue;
      }
      List<Partition> group = new ArrayList<>();
      slotA.stream()
          .filter(p -> p.derivedFrom().equals(Optional.of(data.id())))
          .filter(p -> p.type().kind().isVeritySignature())
          .forEach(group::add);
      slotA.stream()
          .filter(p -> p.derivedFrom().equals(Optional.of(data.id())))
          .filter(p -> p.type().kind().isVerityHash())
          .forEach(group::add);
      group.add(data);
      groups.add(group);
    }
    return groups;
  }

  /**
   * Whether the UKI's file names work: the Boot Loader Specification allows letters, digits and
   * {@code +-_.} in them, and with boot counting a {@code +} in the version would read as the start
   * of the counter.
   */
  private static boolean ukiNamesUsable(BackendContext ctx, UpdatePolicy u, Boot.Uki uki) {
    Appliance a = ctx.appliance();
    boolean usable = true;
    String imageId = a.build().imageId();
    if (!UKI_NAME_PART.matcher(imageId).matches()) {
      SourceSpan at =
          a.build().origin().has("image-id")
              ? a.build().origin().at("image-id")
              : a.origin().header();
      ctx.diagnostics()
          .add(
              Diagnostic.error(
                      Code.UNSAFE_STRING,
                      at,
                      "image id `" + imageId + "` cannot start the file name of a UKI")
                  .label("names " + Artifacts.UKI_DIRECTORY + "/" + imageId + "_VERSION.efi")
                  .note(
                      "boot loader entry file names hold letters, digits and `-_.` (and `+`"
                          + " for boot counting)")
                  .help("set `image-id` in `build` to letters, digits and `-_.` only"));
      usable = false;
    }
    if (EffectiveBoot.countsBoots(a) && a.version().contains("+")) {
      ctx.diagnostics()
          .add(
              Diagnostic.error(
                      Code.UNSAFE_STRING,
                      a.origin().at("version"),
                      "version `"
                          + a.version()
                          + "` has a `+`, which boot counting reads as"
                          + " the start of its counter")
                  .label("`+` in the version")
                  .note(
                      "a counted UKI is named `"
                          + imageId
                          + "_VERSION+TRIES-DONE.efi`; systemd-sysupdate would misread the"
                          + " version")
                  .help("use `~`, `-` or `.` instead of `+` in versions"));
      usable = false;
    }
    return usable;
  }

  private static String suffix(BackendContext ctx) {
    return ctx.target().systemd() >= TRANSFER_SUFFIX_SINCE ? ".transfer" : ".conf";
  }

  private static Map<String, Object> transfer(BackendContext ctx, UpdatePolicy u, int instances) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("instancesMax", instances);
    m.put("verified", u.source().isPresent());
    return m;
  }

  private static List<String> partitionComments(Appliance a, Partition p) {
    return List.of(
        "Partition `"
            + p.name()
            + "` of slots "
            + String.join(", ", a.disk().slotNames())
            + ": a new version goes into the slot",
        "labelled `_empty` (or the oldest one), which is then labelled `"
            + p.label()
            + "_VERSION`.");
  }

  private static List<String> ukiComments(UpdatePolicy u, boolean counting) {
    List<String> c = new ArrayList<>();
    c.add("The UKI, installed after the partitions (this file sorts last), so that no boot");
    c.add("entry ever points at partitions that are not written yet.");
    if (counting) {
      c.add(
          "A new UKI gets "
              + u.rollback().tries()
              + " tries; systemd-boot falls back to the previous one if none of them");
      c.add("reaches boot-complete.target.");
    }
    return c;
  }

  private static Map<String, Object> source(UpdatePolicy u, String pattern) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (u.source().isPresent()) {
      m.put("type", "url-file");
      m.put("path", Escape.specifiers(u.source().get()));
    } else {
      // Installed from a folder named on the command line: `systemd-sysupdate
      // --transfer-source=DIR update`.
      m.put("type", "regular-file");
      m.put("path", "/");
      m.put("relativeTo", "explicit");
    }
    m.put("pattern", pattern);
    return m;
  }

  private static Map<String, Object> partitionTarget(BackendContext ctx, Partition p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "partition");
    m.put("path", "auto");
    m.put("patterns", List.of(Artifacts.labelPattern(p)));
    m.put("partitionType", p.type().idFor(ctx.appliance().board().arch()));
    // Clears NoAuto, which the free slot was created with, so that the new version is found.
    m.put("partitionFlags", "0");
    m.put("readOnly", p.readOnly() ? "yes" : "no");
    if (p.growFilesystem()) {
      m.put("growFileSystem", "yes");
    }
    return m;
  }

  private static Map<String, Object> ukiTarget(
      BackendContext ctx, Artifacts artifacts, UpdatePolicy u, boolean counting) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "regular-file");
    if (ctx.target().systemd() >= TARGET_PATH_RELATIVE_TO_SINCE) {
      m.put("path", Artifacts.UKI_DIRECTORY);
      m.put("relativeTo", "boot");
    } else {
      m.put("path", Escape.specifiers(espMount(ctx.appliance())) + Artifacts.UKI_DIRECTORY);
    }
    m.put("patterns", artifacts.installedUkiPatterns(counting));
    m.put("mode", "0644");
    if (counting) {
      m.put("triesLeft", u.rollback().tries());
      m.put("triesDone", 0);
    }
    return m;
  }

  /** Where the ESP is mounted, for systemd that cannot say "the ESP" itself. */
  private static String espMount(Appliance a) {
    return a.disk().partitions().stream()
        .filter(p -> p.type().kind() == PartitionType.Kind.ESP)
        .findFirst()
        .flatMap(Partition::mount)
        .orElse("/efi");
  }

  private static void add(
      BackendContext ctx, String name, Map<String, Object> model, List<SourceSpan> origins) {
    ctx.out()
        .add(
            DEFINITIONS_DIR + "/" + name,
            Templates.render("sysupdate/transfer.ftl", model),
            OutputTree.MODE_FILE,
            origins);
  }

  /** The timer's interval, the reboot after an update, and the timer enabled by preset. */
  private static void dropIns(BackendContext ctx, UpdatePolicy u) {
    if (u.checkIntervalMillis().isPresent()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("header", ctx.header("#"));
      m.put("interval", TimeSpan.format(u.checkIntervalMillis().get()));
      ctx.out()
          .add(
              TIMER_DROPIN,
              Templates.render("sysupdate/timer.conf.ftl", m),
              OutputTree.MODE_FILE,
              List.of(u.origin().at("check-interval")));
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("header", ctx.header("#"));
      ctx.out()
          .add(
              PRESET,
              Templates.render("sysupdate/preset.ftl", p),
              OutputTree.MODE_FILE,
              List.of(u.origin().at("check-interval")));
    }
    if (u.autoReboot()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("header", ctx.header("#"));
      m.put("binary", SYSUPDATE_BINARY);
      ctx.out()
          .add(
              SERVICE_DROPIN,
              Templates.render("sysupdate/service.conf.ftl", m),
              OutputTree.MODE_FILE,
              List.of(u.origin().at("reboot")));
    }
  }
}
