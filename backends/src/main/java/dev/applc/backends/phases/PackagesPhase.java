package dev.applc.backends.phases;

import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.OperatingSystem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code 10-packages}: removes the packages the spec removes; left out when it removes none. */
final class PackagesPhase {
  private PackagesPhase() {}

  static Optional<Phase> build(PhaseContext c) {
    Appliance a = c.appliance();
    OperatingSystem os = a.os();
    if (os.removePackages().isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("distro", os.distribution().id());
    m.put("packages", ShellWords.of(os.removePackages()));
    return Optional.of(
        PhaseScript.render(
            c.ctx(),
            "10-packages",
            "removes the packages the spec removes.",
            List.of(),
            "packages",
            m,
            List.of(),
            List.of(),
            false,
            List.of(os.origin().at("remove"))));
  }
}
