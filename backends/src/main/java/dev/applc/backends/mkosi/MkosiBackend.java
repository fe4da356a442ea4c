package dev.applc.backends.mkosi;

import dev.applc.backends.mkosi.MkosiValues.Shape;
import dev.applc.backends.sysupdate.Artifacts;
import dev.applc.backends.template.Templates;
import dev.applc.compiler.backend.Backend;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.OperatingSystem;
import dev.applc.compiler.model.Profile;
import dev.applc.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A mkosi configuration tree ({@code mkosi/}) that builds the same appliance with mkosi, in the
 * dialect of the mkosi the appliance's release ships ({@link Dialect}): {@code mkosi.conf}, the
 * build-time partitions in {@code mkosi.repart/}, the post-installation script that creates users,
 * writes the spec's files and enables and masks units, and one {@code mkosi.profiles/NAME/} per
 * profile where mkosi has profiles.
 *
 * <p>The tree is used where {@code applc compile} wrote it, with the spec's folder linked in as
 * {@code mkosi/spec} when the tree refers to it (overlays, keys, scripts: never copied, so private
 * keys stay where they are): {@code ln -sfn SPECDIR OUT/mkosi/spec; mkosi -C OUT/mkosi build}. The
 * files the other backends generate for the image ({@code OUT/rootfs/}) are an extra tree.
 */
public final class MkosiBackend implements Backend {
  public static final String DIR = "mkosi";
  public static final String CONF = DIR + "/mkosi.conf";
  static final String ROOTFS = "rootfs";
  static final String PROFILES = DIR + "/mkosi.profiles";

  @Override
  public String id() {
    return "mkosi";
  }

  /**
   * Problems of the mkosi tree (APL0601) are warnings for a spec that says mkosi builds it, by
   * stating the version in {@code os { tools { mkosi = N } }}. Every other spec gets them as notes
   * in {@code mkosi/README}: a tree nobody builds is no reason to warn at every compile, but it
   * must not pretend to be complete either. Errors (APL0600: a value mkosi cannot hold) are always
   * reported, since the tree would hold something else.
   */
  @Override
  public void generate(BackendContext ctx) {
    if (builtWithMkosi(ctx.appliance())) {
      tree(ctx);
      return;
    }
    Diagnostics own = new Diagnostics();
    tree(new BackendContext(ctx.appliance(), ctx.target(), ctx.specName(), ctx.out(), own));
    List<Diagnostic> notes = new ArrayList<>();
    for (Diagnostic d : own.sorted()) {
      if (d.code() == Code.TARGET_DEGRADED) {
        notes.add(d);
      } else {
        ctx.diagnostics().add(d);
      }
    }
    if (!notes.isEmpty()) {
      Readme.write(ctx, notes);
    }
  }

  /** Whether the spec says the appliance is built with mkosi: it states mkosi's version. */
  public static boolean builtWithMkosi(Appliance a) {
    return a.os().tools().mkosi().isPresent();
  }

  private static void tree(BackendContext ctx) {
    Appliance a = ctx.appliance();
    if (a.os().distribution() == OperatingSystem.Distribution.ALPINE) {
      ctx.diagnostics()
          .add(
              Diagnostic.error(
                      Code.TARGET_DEGRADED,
                      a.os().origin().header(),
                      "mkosi cannot build Alpine Linux; the output has no mkosi tree")
                  .label("Alpine Linux")
                  .note("mkosi installs Debian, Ubuntu, Arch Linux and RPM distributions")
                  .help("build the image with applc's own build"));
      return;
    }
    Dialect dialect = Dialect.of(ctx.target());
    MkosiValues values = new MkosiValues(ctx, dialect);
    ImageLayout layout = new ImageLayout(ctx, dialect);
    SpecFolder spec = new SpecFolder();

    // Scripts first: whether they need the spec's folder decides a setting of mkosi.conf.
    PostInstall base = PostInstall.base(ctx, dialect, spec);
    base.note(
        dialect == Dialect.V14
            ? "mkosi 14 runs mkosi.postinst in the image after the packages and extra trees."
            : "mkosi runs mkosi.postinst.chroot in the image after the packages and extra trees.");
    script(
        ctx,
        DIR + "/" + dialect.postinstName(),
        base,
        "Post-installation script of `"
            + a.name()
            + "`: makes its mount points, creates its users, writes its files and enables and"
            + " masks its units.");
    if (dialect == Dialect.CURRENT && a.os().factoryEtc()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("header", ctx.header("#"));
      m.put("appliance", a.name());
      ctx.out()
          .add(
              DIR + "/mkosi.finalize.chroot",
              Templates.render("mkosi/finalize.sh.ftl", m),
              OutputTree.MODE_EXECUTABLE,
              List.of(a.os().origin().at("factory-etc")));
    }
    List<Profile> profiles = dialect == Dialect.CURRENT ? a.profiles() : List.of();
    for (Profile p : profiles) {
      profile(ctx, values, spec, p);
    }

    MkosiConf conf = new MkosiConf(ctx, dialect, values, layout, spec);
    boolean rootfs = !ctx.out().under(ROOTFS).isEmpty();
    Ini ini = conf.build(rootfs);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("notes", notes(ctx, dialect, conf, spec, rootfs));
    m.put("sections", ini.view());
    ctx.out()
        .add(CONF, Templates.render("mkosi/mkosi.conf.ftl", m), OutputTree.MODE_FILE, origins(a));
    BuildPartitions.write(ctx, dialect, layout);
    if (sysupdateFiles(a, dialect, conf)) {
      PostOutput.write(ctx);
    }
    if (dialect == Dialect.V14 && !a.profiles().isEmpty()) {
      Profile first = a.profiles().get(0);
      ctx.diagnostics()
          .add(
              Diagnostic.error(
                      Code.TARGET_DEGRADED,
                      first.origin().header(),
                      "mkosi 14 has no profiles; the mkosi tree builds the appliance without them")
                  .label("profile")
                  .note(
                      "mkosi 14 reads one configuration; profiles (`mkosi --profile=`) came with"
                          + " mkosi 15")
                  .help(
                      "compile with `applc compile --profile "
                          + first.name()
                          + "` for a tree with the profile applied"));
    }
  }

  private static List<String> notes(
      BackendContext ctx, Dialect dialect, MkosiConf conf, SpecFolder spec, boolean rootfs) {
    Appliance a = ctx.appliance();
    List<String> notes = new ArrayList<>();
    notes.add("");
    notes.add(
        "A "
            + dialect.reader(ctx.target())
            + " configuration that builds the appliance `"
            + a.name()
            + "` "
            + a.version()
            + ".");
    notes.add("Use it where applc compile wrote it (OUT is the output folder):");
    if (spec.used()) {
      notes.add("  ln -sfn /path/to/the/spec/folder OUT/mkosi/spec");
    }
    notes.add("  mkosi -C OUT/mkosi build");
    if (spec.used()) {
      notes.add(
          "spec/ is the folder of the .appliance file: overlays, keys and scripts are read from"
              + " it, not copied.");
    }
    if (rootfs) {
      notes.add("../rootfs is the output's rootfs/: the files applc generates for the image.");
    }
    if (dialect == Dialect.V14 && !a.profiles().isEmpty()) {
      notes.add(
          "mkosi 14 has no profiles; this tree leaves out "
              + a.profiles().stream()
                  .map(p -> "`" + p.name() + "`")
                  .collect(Collectors.joining(", "))
              + " (applc compile --profile NAME applies one).");
    }
    if (dialect == Dialect.CURRENT && !a.profiles().isEmpty()) {
      notes.add(
          "Profiles: "
              + a.profiles().stream().map(Profile::name).collect(Collectors.joining(", "))
              + " (mkosi --profile=NAME build).");
    }
    if (sysupdateFiles(a, dialect, conf)) {
      notes.add(
          "systemd-sysupdate: the update is OUT/"
              + a.build().imageId()
              + "_"
              + a.version()
              + ".*.raw"
              + Artifacts.compressionSuffix(a.build().compression())
              + (a.boot().uki().isPresent() ? ", the UKI" : "")
              + " and SHA256SUMS,");
      notes.add(
          "named by SplitName= in mkosi.repart/ and UnifiedKernelImageFormat=; mkosi copies the UKI"
              + " out uncompressed,");
      notes.add(
          "so mkosi.postoutput compresses it and writes SHA256SUMS. Sign SHA256SUMS"
              + " (SHA256SUMS.gpg) before publishing.");
      notes.add(
          "Seed= changes with the version: repart derives the verity signature partition's UUID"
              + " from it.");
    }
    notes.addAll(conf.notes());
    return notes;
  }

  /** Whether the tree builds the files of a systemd-sysupdate update. */
  private static boolean sysupdateFiles(Appliance a, Dialect dialect, MkosiConf conf) {
    return dialect == Dialect.CURRENT
        && conf.output() == MkosiConf.Output.DISK
        && SysupdateOutputs.applies(a);
  }

  /** A profile (mkosi 15 and later): its packages, overlays, kernel arguments and script. */
  private static void profile(BackendContext ctx, MkosiValues values, SpecFolder spec, Profile p) {
    Appliance a = ctx.appliance();
    String dir = PROFILES + "/" + p.name();
    PostInstall script = new PostInstall(ctx, Dialect.CURRENT, spec);
    script.content(p.content());
    if (a.os().init() == OperatingSystem.InitSystem.SYSTEMD) {
      script.unmask(UnitPlan.profileUnmask(a, p));
      script.enable(UnitPlan.profileEnable(a, p));
    }
    boolean hasScript =
        script(
            ctx,
            dir + "/postinst.chroot",
            script,
            "Post-installation script of the profile `"
                + p.name()
                + "`: runs in the image after the base's.");

    Ini ini = new Ini();
    SourceSpan at = p.origin().at("packages");
    for (String pkg : UnitPlan.profilePackages(a, p)) {
      values
          .value("Packages", pkg, Shape.COMMA_LIST, at, "the package")
          .ifPresent(v -> ini.list("Content", "Packages", List.of(v)));
    }
    for (String overlay : p.overlays()) {
      values
          .value("ExtraTrees", overlay, Shape.TREE, p.origin().at("overlays"), "the overlay")
          .ifPresent(o -> ini.list("Content", "ExtraTrees", List.of("%C/" + spec.pathFrom(2, o))));
    }
    for (String arg : p.cmdline()) {
      values
          .value(
              "KernelCommandLine",
              arg,
              Shape.SPACE_LIST,
              p.origin().at("cmdline"),
              "the kernel argument")
          .ifPresent(v -> ini.list("Content", "KernelCommandLine", List.of(v)));
    }
    if (hasScript) {
      ini.set("Content", "PostInstallationScripts", "%C/postinst.chroot");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    List<String> notes = new ArrayList<>();
    notes.add("");
    notes.add(
        "The profile `"
            + p.name()
            + "` of `"
            + a.name()
            + "`: mkosi --profile="
            + p.name()
            + " build.");
    notes.add("Paths start at %C, this folder; ../../spec is the spec's folder.");
    m.put("notes", notes);
    m.put("sections", ini.view());
    ctx.out()
        .add(
            dir + "/mkosi.conf",
            Templates.render("mkosi/mkosi.conf.ftl", m),
            OutputTree.MODE_FILE,
            List.of(p.origin().span()));
  }

  /** Writes a script unless it has nothing to do; tells whether it did. */
  private static boolean script(
      BackendContext ctx, String path, PostInstall script, String purpose) {
    if (script.empty()) {
      return false;
    }
    ctx.out()
        .add(
            path,
            Templates.render("mkosi/postinst.sh.ftl", script.view(purpose)),
            OutputTree.MODE_EXECUTABLE,
            List.of(ctx.appliance().os().origin().span()));
    return true;
  }

  private static List<SourceSpan> origins(Appliance a) {
    List<SourceSpan> out = new ArrayList<>();
    out.add(a.origin().header());
    out.add(a.os().origin().span());
    out.add(a.board().origin().span());
    out.add(a.build().origin().span());
    a.boot().uki().ifPresent(u -> out.add(u.origin().span()));
    out.add(a.boot().kernel().origin().span());
    return out;
  }
}
