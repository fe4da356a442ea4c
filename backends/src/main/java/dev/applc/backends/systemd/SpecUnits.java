package dev.applc.backends.systemd;

import dev.applc.backends.template.Templates;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.model.Content.UnitDefinition;
import dev.applc.compiler.model.Origin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The units a spec defines with {@code unit NAME { ... }} in {@code os} and in the applied profile:
 * the whole text when the spec gives {@code content}, otherwise a unit built from its settings.
 */
final class SpecUnits {
  private SpecUnits() {}

  /** Renders one unit, or returns empty after reporting what keeps it from being written. */
  static Optional<String> render(BackendContext ctx, UnitDefinition u) {
    if (u.content().isPresent()) {
      String text = u.content().get();
      return Optional.of(ctx.header("#") + "\n" + (text.endsWith("\n") ? text : text + "\n"));
    }
    Diagnostics d = ctx.diagnostics();
    int before = d.errorCount();
    Origin o = u.origin();
    boolean service = u.name().endsWith(".service");
    if (!service && !u.name().endsWith(".target")) {
      d.add(
          Diagnostic.error(
                  Code.MISSING_REQUIRED,
                  o.header(),
                  "`unit " + u.name() + "` needs its whole text as `content`")
              .label("no settings for this unit type")
              .note("applc builds `.service` and `.target` units from settings")
              .help("write the unit file as `content = \"\"\"...\"\"\"`"));
      return Optional.empty();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("name", u.name());
    u.description()
        .flatMap(s -> UnitValues.text(s, "the description", o.at("description"), d))
        .ifPresent(s -> m.put("description", s));
    m.put("after", UnitValues.unitNames(u.after(), o.at("after"), d));
    m.put("before", UnitValues.unitNames(u.before(), o.at("before"), d));
    m.put("wants", UnitValues.unitNames(u.wants(), o.at("wants"), d));
    m.put("requires", UnitValues.unitNames(u.requires(), o.at("requires"), d));
    m.put("wantedBy", UnitValues.unitNames(u.wantedBy(), o.at("wanted-by"), d));
    m.put("service", service);
    if (service) {
      m.put("type", u.type());
      u.user().flatMap(s -> UnitValues.user(s, o.at("user"), d)).ifPresent(s -> m.put("user", s));
      List<String> execPre = new ArrayList<>();
      for (String e : u.execPre()) {
        ExecLine.words(e, o.at("exec-pre"), d).map(ExecLine::render).ifPresent(execPre::add);
      }
      m.put("execPre", execPre);
      u.exec()
          .flatMap(e -> ExecLine.words(e, o.at("exec"), d))
          .map(ExecLine::render)
          .ifPresent(s -> m.put("exec", s));
      if (!u.restart().equals("no")) {
        m.put("restart", u.restart());
      }
      u.restartSecMillis().ifPresent(ms -> m.put("restartSec", UnitValues.timespan(ms)));
      List<String> env = new ArrayList<>();
      for (String e : u.environment()) {
        UnitValues.environment(e, o.at("environment"), d).ifPresent(env::add);
      }
      m.put("environment", env);
      m.put("remainAfterExit", u.remainAfterExit());
      if (!u.standardOutput().equals("journal")) {
        m.put("standardOutput", u.standardOutput());
      }
    }
    if (d.errorCount() > before) {
      return Optional.empty();
    }
    return Optional.of(Templates.render("systemd/unit.ftl", m));
  }
}
