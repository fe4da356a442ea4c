package dev.applc.backends.mkosi;

import dev.applc.backends.escape.Escape;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Content;
import dev.applc.compiler.model.OperatingSystem;
import dev.applc.compiler.model.UpdatePolicy;
import dev.applc.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The view of a post-installation script ({@code mkosi/postinst.sh.ftl}): the groups and users to
 * create, the files to write, the units to enable, unmask and mask, the default target and the
 * spec's own post-install scripts. Every spec string is a single-quoted shell word ({@link
 * Escape#shell}); unit and user names are quoted too, though the checker allows no specials in
 * them.
 */
final class PostInstall {
  /** Tries a UKI with boot counting gets when the spec names none. */
  static final int DEFAULT_TRIES = 3;

  private final BackendContext ctx;
  private final Dialect dialect;
  private final SpecFolder spec;

  private final List<String> notes = new ArrayList<>();
  private final List<String> mountPoints = new ArrayList<>();
  private final LinkedHashSet<String> groups = new LinkedHashSet<>();
  private final List<Map<String, Object>> users = new ArrayList<>();
  private final List<Map<String, Object>> files = new ArrayList<>();
  private final List<String> enable = new ArrayList<>();
  private final List<String> unmask = new ArrayList<>();
  private final List<String> mask = new ArrayList<>();
  private final List<String> hooks = new ArrayList<>();
  private Optional<String> defaultTarget = Optional.empty();
  private boolean factoryEtc;

  PostInstall(BackendContext ctx, Dialect dialect, SpecFolder spec) {
    this.ctx = ctx;
    this.dialect = dialect;
    this.spec = spec;
  }

  void note(String note) {
    notes.add(note);
  }

  /** Folders the appliance mounts partitions on: a read-only root cannot have them made at boot. */
  void mountPoints(List<String> folders) {
    folders.forEach(f -> mountPoints.add(Escape.shell(f)));
  }

  void content(Content content) {
    for (Content.User u : content.users()) {
      user(u);
    }
    for (Content.InlineFile f : content.files()) {
      file(f);
    }
  }

  private void user(Content.User u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", Escape.shell(u.name()));
    m.put("system", u.system());
    u.uid().ifPresent(uid -> m.put("uid", Escape.shell(Long.toString(uid))));
    m.put("home", Escape.shell(u.home()));
    m.put("shell", Escape.shell(u.shell()));
    if (!u.groups().isEmpty()) {
      u.groups().forEach(g -> groups.add(Escape.shell(g)));
      m.put("groups", Escape.shell(String.join(",", u.groups())));
    }
    users.add(m);
  }

  private void file(Content.InlineFile f) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (f.content().isEmpty() && f.source().isPresent()) {
      if (dialect == Dialect.V14) {
        ctx.diagnostics()
            .add(
                Diagnostic.error(
                        Code.TARGET_DEGRADED,
                        f.origin().at("source"),
                        "mkosi 14 cannot copy `" + f.source().get() + "` into the image")
                    .label("file of the spec's folder")
                    .note(
                        "mkosi 14 runs its post-installation script in the image without the"
                            + " spec's folder; `"
                            + f.path()
                            + "` is left out of the mkosi tree")
                    .help("write the file's text as `content`, or put it into an overlay folder"));
        return;
      }
      m.put("source", spec.inImage(f.source().get()));
    } else {
      m.put("content", Escape.shell(f.content().orElse("")));
    }
    put(m, f.path(), f.mode(), f.owner() + ":" + f.group());
  }

  /** A file the compile itself asks for, with root ownership. */
  void generatedFile(String path, String text) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("content", Escape.shell(text));
    put(m, path, "0644", "root:root");
  }

  private void put(Map<String, Object> m, String path, String mode, String owner) {
    int slash = path.lastIndexOf('/');
    if (slash > 0) {
      m.put("dir", Escape.shell(path.substring(0, slash)));
    }
    m.put("path", Escape.shell(path));
    m.put("mode", Escape.shell(mode));
    m.put("owner", Escape.shell(owner));
    files.add(m);
  }

  void enable(List<String> units) {
    units.forEach(u -> enable.add(Escape.shell(u)));
  }

  void unmask(List<String> units) {
    units.forEach(u -> unmask.add(Escape.shell(u)));
  }

  void mask(List<String> units) {
    units.forEach(u -> mask.add(Escape.shell(u)));
  }

  void defaultTarget(String unit) {
    defaultTarget = Optional.of(Escape.shell(unit));
  }

  /** The spec's own post-install scripts, run in the image after everything else. */
  void hooks(List<String> scripts, SourceSpan span) {
    if (scripts.isEmpty()) {
      return;
    }
    if (dialect == Dialect.V14) {
      ctx.diagnostics()
          .add(
              Diagnostic.error(
                      Code.TARGET_DEGRADED,
                      span,
                      "mkosi 14 cannot run the spec's post-install scripts in the image")
                  .label("post-install scripts")
                  .note(
                      "mkosi 14 runs one post-installation script, applc's, in the image without"
                          + " the spec's folder; "
                          + String.join(", ", scripts)
                          + " are left out of the mkosi tree")
                  .help(
                      "target a release with mkosi 15 or later (trixie), or let applc's own build"
                          + " run them"));
      return;
    }
    scripts.forEach(s -> hooks.add(spec.inImage(s)));
  }

  void factoryEtc() {
    factoryEtc = true;
  }

  /** Whether the script has anything to do. */
  boolean empty() {
    return mountPoints.isEmpty()
        && users.isEmpty()
        && files.isEmpty()
        && enable.isEmpty()
        && unmask.isEmpty()
        && mask.isEmpty()
        && hooks.isEmpty()
        && defaultTarget.isEmpty()
        && !factoryEtc;
  }

  Map<String, Object> view(String purpose) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("purpose", purpose);
    m.put("notes", notes);
    m.put("guard", dialect == Dialect.V14);
    m.put("mountPoints", mountPoints);
    m.put("groups", new ArrayList<>(groups));
    m.put("users", users);
    m.put("files", files);
    m.put("enable", enable);
    m.put("unmask", unmask);
    m.put("mask", mask);
    defaultTarget.ifPresent(t -> m.put("defaultTarget", t));
    m.put("hooks", hooks);
    m.put("factoryEtc", factoryEtc);
    return m;
  }

  /** The base image's script. */
  static PostInstall base(BackendContext ctx, Dialect dialect, SpecFolder spec) {
    Appliance a = ctx.appliance();
    OperatingSystem os = a.os();
    PostInstall s = new PostInstall(ctx, dialect, spec);
    s.mountPoints(a.disk().mountPoints());
    s.content(os.content());
    a.boot()
        .uki()
        .filter(u -> u.bootCounting())
        .ifPresent(
            u ->
                s.generatedFile(
                    "/etc/kernel/tries",
                    a.update()
                            .map(UpdatePolicy::rollback)
                            .map(UpdatePolicy.Rollback::tries)
                            .orElse(DEFAULT_TRIES)
                        + "\n"));
    if (os.init() == OperatingSystem.InitSystem.SYSTEMD) {
      s.enable(UnitPlan.enable(a));
      s.mask(UnitPlan.mask(a));
      s.defaultTarget(os.defaultTarget());
    }
    s.hooks(os.postInstall(), os.origin().at("post-install"));
    if (os.factoryEtc() && dialect == Dialect.V14) {
      s.factoryEtc();
    }
    return s;
  }
}
