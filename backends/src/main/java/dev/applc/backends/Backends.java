package dev.applc.backends;

import dev.applc.compiler.backend.Backend;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.backend.Manifest;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.backend.Target;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.model.Appliance;
import java.util.List;

/** Every backend, in the order they run, and the one call that runs them all. */
public final class Backends {
  private Backends() {}

  public static final List<Backend> ALL =
      List.of(
          new dev.applc.backends.repart.RepartBackend(),
          new dev.applc.backends.mkosi.MkosiBackend(),
          new dev.applc.backends.sysupdate.SysupdateBackend(),
          new dev.applc.backends.kernel.KernelBackend(),
          new dev.applc.backends.rauc.RaucBackend(),
          new dev.applc.backends.uboot.UbootBackend(),
          new dev.applc.backends.systemd.SystemdBackend(),
          new dev.applc.backends.phases.PhasesBackend());

  /** Generates every backend's files for an appliance, plus the manifest. */
  public static OutputTree generate(Appliance appliance, String specName, Diagnostics diagnostics) {
    OutputTree out = new OutputTree();
    BackendContext context =
        new BackendContext(appliance, Target.of(appliance.os()), specName, out, diagnostics);
    for (Backend b : ALL) {
      b.generate(context);
    }
    out.add(Manifest.PATH, Manifest.render(out, specName), OutputTree.MODE_FILE, List.of());
    return out;
  }
}
