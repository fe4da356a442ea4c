package dev.applc.backends.phases;

import dev.applc.backends.escape.Escape;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.OperatingSystem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code 40-strip}: removes the paths the spec strips and the firmware it does not keep; left out
 * when the spec strips nothing.
 */
final class StripPhase {
  private StripPhase() {}

  static Optional<Phase> build(PhaseContext c) {
    Appliance a = c.appliance();
    OperatingSystem os = a.os();
    if (os.strip().isEmpty() && os.firmwareKeep().isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("paths", os.strip().stream().map(Escape::shell).toList());
    m.put("firmware", os.firmwareKeep().isEmpty() ? "" : ShellWords.of(os.firmwareKeep()));
    return Optional.of(
        PhaseScript.render(
            c.ctx(),
            "40-strip",
            "removes the paths the spec strips, and firmware it does not keep.",
            List.of(),
            "strip",
            m,
            List.of(),
            List.of(),
            false,
            List.of(os.origin().at("strip"))));
  }
}
