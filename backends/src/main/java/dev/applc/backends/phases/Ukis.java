package dev.applc.backends.phases;

import dev.applc.backends.escape.Escape;
import dev.applc.backends.kernel.KernelBackend;
import dev.applc.backends.sysupdate.Artifacts;
import dev.applc.compiler.model.Appliance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The UKIs: one per kernel command line file (one per slot when the slots boot differently). The
 * UKI phase makes them, the ESP phase installs them and the bundle phase ships the first.
 */
final class Ukis {
  private Ukis() {}

  static List<Map<String, Object>> of(PhaseContext c) {
    Appliance a = c.appliance();
    List<Map<String, Object>> ukis = new ArrayList<>();
    Artifacts names = Artifacts.of(a);
    List<String> cmdlines =
        c.ctx().out().files().stream()
            .map(f -> f.path())
            .filter(
                p -> p.equals(KernelBackend.CMDLINE) || p.startsWith(KernelBackend.CMDLINE + "-"))
            .toList();
    for (String cmdline : cmdlines) {
      Map<String, Object> u = new LinkedHashMap<>();
      String suffix = cmdline.substring(KernelBackend.CMDLINE.length());
      String name =
          suffix.isEmpty()
              ? names.installedUki(a.version())
              : a.build().imageId() + "_" + a.version() + suffix + ".efi";
      u.put(
          "what",
          "The UKI for "
              + (suffix.isEmpty() ? "the appliance" : "slot " + suffix.substring(1))
              + ".");
      u.put("cmdline", Escape.shell(cmdline));
      u.put("file", Escape.shell(Layout.IMAGES + "/" + name));
      u.put("path", Layout.IMAGES + "/" + name);
      u.put("name", Escape.shell(name));
      u.put("plainName", name);
      u.put("slot", suffix.isEmpty() ? "" : suffix.substring(1));
      PhaseKeys.secureBoot(a)
          .ifPresent(
              k -> {
                u.put("key", Escape.shell(k.privateKey().orElseThrow()));
                u.put("cert", Escape.shell(k.certificate().orElseThrow()));
              });
      ukis.add(u);
    }
    return ukis;
  }
}
