package dev.applc.backends.phases;

import dev.applc.backends.escape.Escape;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Content;
import dev.applc.compiler.model.OperatingSystem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code 30-configure}: host name, mount points, users and groups, owners of the spec's files,
 * units and post-install scripts.
 */
final class ConfigurePhase {
  private ConfigurePhase() {}

  static Optional<Phase> build(PhaseContext c) {
    Appliance a = c.appliance();
    OperatingSystem os = a.os();
    Content content = os.content();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hostname", Escape.shell(a.hostname()));
    // systemd-sysupdate reads the running version from IMAGE_VERSION (and refuses to run
    // without it); the UKI's .osrel, made from this file later, carries both into the boot menu.
    m.put(
        "osRelease",
        List.of(
            Escape.shell("IMAGE_ID=" + Escape.osRelease(a.build().imageId())),
            Escape.shell("IMAGE_VERSION=" + Escape.osRelease(a.version()))));
    LinkedHashSet<String> groups = new LinkedHashSet<>();
    List<Map<String, Object>> users = new ArrayList<>();
    for (Content.User u : content.users()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("name", Escape.shell(u.name()));
      r.put("system", u.system());
      u.uid().ifPresent(uid -> r.put("uid", Escape.shell(Long.toString(uid))));
      r.put("home", Escape.shell(u.home()));
      r.put("shell", Escape.shell(u.shell()));
      if (!u.groups().isEmpty()) {
        u.groups().forEach(g -> groups.add(Escape.shell(g)));
        r.put("groups", Escape.shell(String.join(",", u.groups())));
      }
      users.add(r);
    }
    List<Map<String, Object>> owned = new ArrayList<>();
    for (Content.InlineFile f : content.files()) {
      if (f.owner().equals("root") && f.group().equals("root")) {
        continue;
      }
      owned.add(
          Map.of(
              "path", Escape.shell(f.path()),
              "owner", Escape.shell(f.owner()),
              "group", Escape.shell(f.group())));
    }
    List<Phase.Input> inputs = new ArrayList<>();
    boolean systemd = os.init() == OperatingSystem.InitSystem.SYSTEMD;
    if (systemd) {
      inputs.add(new Phase.Input(Phase.Root.CONFIG, "build/systemd"));
    }
    List<String> hooks = new ArrayList<>();
    for (String h : os.postInstall()) {
      hooks.add(Escape.shell(h));
      inputs.add(new Phase.Input(Phase.Root.SPEC, h));
    }
    m.put("groups", new ArrayList<>(groups));
    m.put("users", users);
    m.put("owned", owned);
    m.put("systemd", systemd);
    m.put("hooks", hooks);
    m.put("factoryEtc", os.factoryEtc());
    m.put("mountPoints", a.disk().mountPoints().stream().map(Escape::shell).toList());
    return Optional.of(
        PhaseScript.render(
            c.ctx(),
            "30-configure",
            "host name, mount points, users, units (enable, mask, default target) and post-install"
                + " scripts.",
            List.of(),
            "configure",
            m,
            inputs,
            List.of(),
            false,
            List.of(os.origin().span())));
  }
}
