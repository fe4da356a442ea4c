package dev.applc.backends.systemd;

import dev.applc.backends.template.Templates;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Origin;
import dev.applc.compiler.model.Session;
import dev.applc.compiler.model.UnitCommands;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The boot-to-app service (seed 003's {@code loisto-session.service}): the session's program runs
 * as its user on its VT, with a PAM login session and that VT as its terminal, after user sessions
 * are allowed, and takes the VT from any getty there.
 */
final class SessionUnit {
  private SessionUnit() {}

  /** The unit logind and a display manager would also wait for before a user session. */
  static final String USER_SESSIONS = "systemd-user-sessions.service";

  /** Seconds before a crashed session starts again, as seed 003 has it. */
  static final String RESTART_SEC = "2";

  static String getty(int tty) {
    return "getty@tty" + tty + ".service";
  }

  /** Renders the session unit, or returns empty after reporting why it cannot be written. */
  static Optional<String> render(BackendContext ctx, Session s) {
    Appliance a = ctx.appliance();
    Diagnostics d = ctx.diagnostics();
    int before = d.errorCount();
    Origin o = s.origin();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("appliance", a.name());
    m.put("tty", s.tty());
    String purpose = a.description().orElse(a.name()) + " session";
    UnitValues.text(purpose, "the description", a.origin().at("description"), d)
        .ifPresent(v -> m.put("description", v));
    List<String> after = new ArrayList<>();
    after.add(USER_SESSIONS);
    after.addAll(s.after());
    after.add(getty(s.tty()));
    m.put("after", UnitValues.unitNames(after, o.at("after"), d));
    m.put("wants", UnitValues.unitNames(s.wants(), o.at("wants"), d));
    m.put("conflicts", getty(s.tty()));
    UnitValues.user(s.user(), o.at("user"), d).ifPresent(v -> m.put("user", v));
    m.put("chvt", ExecLine.render(List.of(UnitCommands.CHVT, Integer.toString(s.tty()))));
    ExecLine.words(s.exec(), o.at("exec"), d)
        .map(ExecLine::render)
        .ifPresent(v -> m.put("exec", v));
    m.put("restart", s.restart());
    if (!s.restart().equals("no")) {
      m.put("restartSec", RESTART_SEC);
    }
    List<String> env = new ArrayList<>();
    for (String e : s.environment()) {
      UnitValues.environment(e, o.at("environment"), d).ifPresent(env::add);
    }
    m.put("environment", env);
    UnitValues.unitName(s.target(), o.at("target"), d).ifPresent(v -> m.put("target", v));
    if (d.errorCount() > before) {
      return Optional.empty();
    }
    return Optional.of(Templates.render("systemd/session.service.ftl", m));
  }
}
