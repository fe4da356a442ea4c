package dev.applc.backends.phases;

import dev.applc.backends.escape.Escape;
import dev.applc.backends.rauc.RaucBackend;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Content;
import dev.applc.compiler.model.OperatingSystem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code 20-files}: the spec's overlays, the generated rootfs/ of the config tree, the spec's files
 * and the update keyring (RAUC's certificate, or the OpenPGP keys systemd-sysupdate trusts), copied
 * into the root file system.
 */
final class FilesPhase {
  private FilesPhase() {}

  static Optional<Phase> build(PhaseContext c) {
    Appliance a = c.appliance();
    OperatingSystem os = a.os();
    List<Phase.Input> inputs = new ArrayList<>();
    inputs.add(new Phase.Input(Phase.Root.CONFIG, "rootfs"));
    List<String> overlays = new ArrayList<>();
    for (String o : os.overlays()) {
      overlays.add(Escape.shell(o));
      inputs.add(new Phase.Input(Phase.Root.SPEC, o));
    }
    List<Map<String, Object>> files = new ArrayList<>();
    for (Content.InlineFile f : os.content().files()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("path", Escape.shell(f.path()));
      r.put("mode", Escape.shell(f.mode()));
      if (f.content().isEmpty() && f.source().isPresent()) {
        r.put("source", Escape.shell(f.source().get()));
        inputs.add(new Phase.Input(Phase.Root.SPEC, f.source().get()));
      } else {
        r.put("content", Escape.shell(f.content().orElse("")));
      }
      files.add(r);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("overlays", overlays);
    m.put("files", files);
    PhaseKeys.raucKeyring(a)
        .ifPresent(
            k -> {
              m.put("keyring", Escape.shell(k));
              m.put("keyringTarget", Escape.shell(RaucBackend.KEYRING));
              inputs.add(new Phase.Input(Phase.Root.KEYS, k));
            });
    List<String> pubring = new ArrayList<>();
    for (String k : PhaseKeys.sysupdateKeyring(a)) {
      pubring.add(Escape.shell(k));
      inputs.add(new Phase.Input(Phase.Root.KEYS, k));
    }
    if (!pubring.isEmpty()) {
      m.put("pubring", pubring);
      m.put("pubringTarget", Escape.shell(PhaseKeys.SYSUPDATE_KEYRING));
    }
    return Optional.of(
        PhaseScript.render(
            c.ctx(),
            "20-files",
            "the spec's overlays, the generated rootfs/ of the config tree and the spec's files.",
            List.of(),
            "files",
            m,
            inputs,
            List.of(),
            false,
            List.of(os.origin().span())));
  }
}
