package dev.applc.compiler.sema.rules;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Content;
import dev.applc.compiler.model.OperatingSystem;
import dev.applc.compiler.model.Profile;
import dev.applc.compiler.model.Session;
import dev.applc.compiler.source.SourceSpan;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** OS content: init system, users, units, files and releases agree with each other. */
final class ContentRules implements Rule {
  static final Map<OperatingSystem.Distribution, List<String>> RELEASES =
      Map.of(
          OperatingSystem.Distribution.DEBIAN,
          List.of(
              "bullseye", "bookworm", "trixie", "forky", "sid", "stable", "testing", "unstable"),
          OperatingSystem.Distribution.ARCH,
          List.of("rolling", "latest"),
          OperatingSystem.Distribution.ALPINE,
          List.of("edge", "latest-stable", "v3.18", "v3.19", "v3.20", "v3.21", "v3.22"));

  /** Users every distribution has. */
  static final Set<String> SYSTEM_USERS = Set.of("root", "nobody", "daemon");

  @Override
  public void check(Appliance a, Diagnostics d) {
    OperatingSystem os = a.os();
    if (!RELEASES.get(os.distribution()).contains(os.release())) {
      d.add(
          Diagnostic.error(
                  Code.UNKNOWN_RELEASE,
                  os.origin().header(),
                  "`"
                      + os.release()
                      + "` is not a "
                      + os.distribution().id()
                      + " release applc knows")
              .label("unknown release")
              .note("target tool versions (systemd, RAUC) are derived from the release")
              .help("known releases are " + String.join(", ", RELEASES.get(os.distribution()))));
    }
    if (os.init() == OperatingSystem.InitSystem.SYSVINIT) {
      sysvinit(a, d);
    }
    Set<String> users = new HashSet<>(SYSTEM_USERS);
    os.content().users().forEach(u -> users.add(u.name()));
    a.profiles().forEach(p -> p.content().users().forEach(u -> users.add(u.name())));
    a.session()
        .ifPresent(
            s -> {
              user(s.user(), s.origin().at("user"), users, d);
              command(s.exec(), s.origin().at("exec"), d);
              if (os.init() == OperatingSystem.InitSystem.SYSTEMD) {
                sessionReached(s, os, d);
              }
            });
    checkContent(os.content(), users, d);
    for (Profile p : a.profiles()) {
      checkContent(p.content(), users, d);
      // A profile adds its files to the base: one path cannot come from both.
      for (Content.InlineFile f : p.content().files()) {
        for (Content.InlineFile base : os.content().files()) {
          if (base.path().equals(f.path())) {
            d.add(
                Diagnostic.error(
                        Code.DUPLICATE_FILE,
                        f.origin().header(),
                        "profile `"
                            + p.name()
                            + "` writes `"
                            + f.path()
                            + "`, which the base already writes")
                    .label("written again by the profile")
                    .related(base.origin().header(), "written by the base here")
                    .help(
                        "keep the file in one place; to vary it, give each profile its own"
                            + " file and none in the base"));
          }
        }
      }
    }
    Set<String> masked = new HashSet<>(os.mask());
    for (String unit : os.enable()) {
      if (masked.contains(unit)) {
        d.add(
            Diagnostic.error(
                    Code.MASK_AND_ENABLE,
                    os.origin().at("mask"),
                    "`" + unit + "` is both enabled and masked")
                .label("masked here")
                .related(os.origin().at("enable"), "enabled here")
                .help("a masked unit never starts: remove it from `enable` or from `mask`"));
      }
    }
    if (a.boot().kernel().packageName().isPresent() && a.boot().kernel().image().isPresent()) {
      conflict(
          a.boot().kernel().origin().at("image"),
          "`package` and `image` in `kernel`",
          "a kernel comes from a package or from a prebuilt image, not both",
          d);
    }
  }

  private static void checkContent(Content content, Set<String> users, Diagnostics d) {
    Map<String, SourceSpan> paths = new HashMap<>();
    for (Content.InlineFile f : content.files()) {
      SourceSpan earlier = paths.putIfAbsent(f.path(), f.origin().header());
      if (earlier != null) {
        d.add(
            Diagnostic.error(
                    Code.DUPLICATE_FILE,
                    f.origin().header(),
                    "two files are written to `" + f.path() + "`")
                .label("written again here")
                .related(earlier, "first written here")
                .help("keep one `file \"" + f.path() + "\"` block"));
      }
      if (f.content().isPresent() && f.source().isPresent()) {
        conflict(
            f.origin().at("source"),
            "`content` and `source` in `file \"" + f.path() + "\"`",
            "a file has inline `content` or copies a `source`, not both",
            d);
      } else if (f.content().isEmpty() && f.source().isEmpty()) {
        d.add(
            Diagnostic.error(
                    Code.MISSING_REQUIRED,
                    f.origin().header(),
                    "`file \"" + f.path() + "\"` has neither `content` nor `source`")
                .label("empty file block")
                .help("add `content = \"...\"` or `source = \"files/NAME\"`"));
      }
      user(f.owner(), f.origin().at("owner"), users, d);
    }
    for (Content.UnitDefinition u : content.units()) {
      if (u.content().isPresent() && u.exec().isPresent()) {
        conflict(
            u.origin().at("exec"),
            "`content` and `exec` in `unit " + u.name() + "`",
            "a unit is either its whole `content` or built from settings such as `exec`",
            d);
      }
      if (!u.name().endsWith(".service")
          && (u.exec().isPresent()
              || !u.execPre().isEmpty()
              || u.user().isPresent()
              || !u.restart().equals("no")
              || !u.type().equals("simple"))) {
        d.add(
            Diagnostic.error(
                    Code.CONFLICTING_SETTINGS,
                    u.origin().header(),
                    "`" + u.name() + "` is not a service, but has service settings")
                .label("not a `.service`")
                .note("`exec`, `exec-pre`, `type`, `user` and `restart` are settings of services")
                .help(
                    "remove them, or name the unit `"
                        + u.name().replaceFirst("\\.[a-z]+$", "")
                        + ".service`"));
      }
      if (u.name().endsWith(".service") && u.content().isEmpty() && u.exec().isEmpty()) {
        d.add(
            Diagnostic.error(
                    Code.MISSING_REQUIRED,
                    u.origin().header(),
                    "`unit " + u.name() + "` has no `exec` and no `content`")
                .label("a service needs a command")
                .help("add `exec = \"/usr/bin/...\"`, or the whole unit as `content`"));
      }
      u.exec().ifPresent(e -> command(e, u.origin().at("exec"), d));
      u.execPre().forEach(e -> command(e, u.origin().at("exec-pre"), d));
      u.user().ifPresent(name -> user(name, u.origin().at("user"), users, d));
    }
  }

  /** systemd runs a command by absolute path; a relative one fails only on the device. */
  private static void command(String exec, SourceSpan at, Diagnostics d) {
    String stripped = exec.replaceFirst("^[-@:+!]+", "");
    if (!stripped.startsWith("/")) {
      d.add(
          Diagnostic.error(Code.BAD_PATH, at, "the command must start with an absolute path")
              .label(
                  "`"
                      + (stripped.contains(" ")
                          ? stripped.substring(0, stripped.indexOf(' '))
                          : stripped)
                      + "` is relative")
              .help(
                  "write the full path of the program, such as `/usr/bin/"
                      + (stripped.contains(" ")
                          ? stripped.substring(0, stripped.indexOf(' '))
                          : stripped)
                      + "`"));
    }
  }

  /** graphical.target pulls in multi-user.target, not the other way round. */
  private static void sessionReached(Session s, OperatingSystem os, Diagnostics d) {
    String target = s.target();
    String boot = os.defaultTarget();
    boolean reached =
        target.equals(boot)
            || (target.equals("multi-user.target") && boot.equals("graphical.target"));
    if (!reached) {
      d.add(
          Diagnostic.error(
                  Code.SESSION_NOT_REACHED,
                  s.origin().at("target"),
                  "the session starts with `"
                      + target
                      + "`, but the system boots to `"
                      + boot
                      + "`")
              .label("never reached")
              .related(os.origin().at("default-target"), "the boot target")
              .note("a unit wanted by a target that boot never reaches does not start")
              .help(
                  "set `default-target = "
                      + target
                      + "` in `os`, or `target = "
                      + boot
                      + "` in `session`"));
    }
  }

  private static void user(String name, SourceSpan at, Set<String> users, Diagnostics d) {
    if (!users.contains(name)) {
      d.add(
          Diagnostic.error(Code.UNKNOWN_USER, at, "user `" + name + "` is not defined in the spec")
              .label("not a `user` of the spec")
              .note(
                  "the user may come from a package; if not, the unit or file fails on the"
                      + " device")
              .help("add `user " + name + " { ... }` to `os`"));
    }
  }

  private static void sysvinit(Appliance a, Diagnostics d) {
    OperatingSystem os = a.os();
    if (a.session().isPresent()) {
      sysvinitConflict(a.session().get().origin().header(), "`session`", d);
    }
    if (!os.enable().isEmpty()) {
      sysvinitConflict(os.origin().at("enable"), "`enable`", d);
    }
    if (!os.mask().isEmpty()) {
      sysvinitConflict(os.origin().at("mask"), "`mask`", d);
    }
    for (Content.UnitDefinition u : os.content().units()) {
      sysvinitConflict(u.origin().header(), "`unit " + u.name() + "`", d);
    }
    if (a.update().isPresent() && a.update().get().rollback().goodWhen().isPresent()) {
      sysvinitConflict(a.update().get().rollback().origin().at("good-when"), "`good-when`", d);
    }
  }

  private static void sysvinitConflict(SourceSpan at, String what, Diagnostics d) {
    d.add(
        Diagnostic.error(
                Code.SYSVINIT_WITH_SYSTEMD_FEATURE,
                at,
                what + " needs systemd, but the" + " OS uses sysvinit")
            .label("a systemd feature")
            .help("use `init = systemd`, or do this with an init script in `overlays`"));
  }

  private static void conflict(SourceSpan at, String what, String note, Diagnostics d) {
    d.add(
        Diagnostic.error(Code.CONFLICTING_SETTINGS, at, what + " exclude each other")
            .label("conflicts")
            .note(note)
            .help("keep one of the two settings"));
  }
}
