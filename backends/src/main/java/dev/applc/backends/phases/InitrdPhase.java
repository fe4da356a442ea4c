package dev.applc.backends.phases;

import dev.applc.backends.escape.Escape;
import dev.applc.backends.kernel.KernelBackend;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Boot;
import dev.applc.compiler.model.EffectiveBoot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code 50-initrd}: the kernel and an initrd that can open the root file system. */
final class InitrdPhase {
  private InitrdPhase() {}

  static Optional<Phase> build(PhaseContext c) {
    Appliance a = c.appliance();
    if (a.os().rootInInitrd()) {
      return Optional.of(InitramfsRoot.build(c));
    }
    Boot.Initrd initrd = a.boot().initrd();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("generator", generator(a));
    m.put("generatorShell", Escape.shell(generator(a)));
    List<Phase.Input> inputs = new ArrayList<>();
    if (c.ctx().out().get(KernelBackend.INITRD_MODULES).isPresent()) {
      inputs.add(new Phase.Input(Phase.Root.CONFIG, KernelBackend.INITRD_MODULES));
    } else if (generator(a).equals("initramfs-tools") || generator(a).equals("dracut")) {
      // The scripts read the list; without one they get an empty list.
      m.put("generator", generator(a));
    }
    List<String> notes = new ArrayList<>();
    if (c.ctx().out().get(KernelBackend.INITRD_MODULES).isEmpty()) {
      notes.add("The appliance needs no extra initrd modules (no kernel/initrd-modules).");
    }
    return Optional.of(
        PhaseScript.render(
            c.ctx(),
            "50-initrd",
            "the kernel and an initrd that can open the root file system.",
            notes,
            "initrd",
            m,
            inputs,
            List.of(),
            false,
            List.of(initrd.origin().span())));
  }

  /**
   * The initrd generator: the spec's, else the distribution's usual one (the bootstrap installs
   * it).
   */
  static String generator(Appliance a) {
    return EffectiveBoot.initrdGenerator(a);
  }
}
