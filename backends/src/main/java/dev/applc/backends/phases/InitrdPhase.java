package dev.applc.backends.phases;

import dev.applc.backends.escape.Escape;
import dev.applc.backends.kernel.KernelBackend;
import dev.applc.backends.systemd.InPlaceEncryption;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Boot;
import dev.applc.compiler.model.EffectiveBoot;
import dev.applc.compiler.model.Partition;
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
    if (generator(a).equals("dracut")) {
      dracut(a, c, m, inputs);
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
   * dracut's settings: a systemd initrd, with applc's initrd units and the image's crypttab, and
   * with {@code shell = off} only the modules that run no shell script, stripped of every shell.
   */
  private static void dracut(
      Appliance a, PhaseContext c, Map<String, Object> m, List<Phase.Input> inputs) {
    boolean noShell = !a.boot().initrd().shell();
    m.put("noShell", noShell);
    boolean encrypted = a.disk().partitions().stream().anyMatch(p -> p.encryption().isPresent());
    List<Map<String, Object>> units = new ArrayList<>();
    for (Partition p : InPlaceEncryption.partitions(a)) {
      String path = InPlaceEncryption.INITRD_UNITS + "/" + InPlaceEncryption.unitName(p);
      if (c.ctx().out().get(path).isEmpty()) {
        continue;
      }
      Map<String, Object> u = new LinkedHashMap<>();
      u.put("file", Escape.shell(path));
      u.put("name", Escape.shell(InPlaceEncryption.unitName(p)));
      u.put("wants", Escape.shell("cryptsetup.target.wants"));
      units.add(u);
    }
    if (!units.isEmpty()) {
      inputs.add(new Phase.Input(Phase.Root.CONFIG, InPlaceEncryption.INITRD_UNITS));
      m.put("installs", Escape.shell("dd cryptsetup systemd-cryptenroll rm"));
    }
    m.put("units", units);
    m.put("extra", encrypted || !units.isEmpty());
    List<String> modules =
        new ArrayList<>(
            List.of("base", "fs-lib", "kernel-modules", "systemd-initrd", "systemd-udevd"));
    modules.add("udev-rules");
    if (a.disk().partitions().stream()
        .anyMatch(
            p ->
                p.format() == Partition.Filesystem.BTRFS && p.mount().isPresent()
                    || !p.subvolumes().isEmpty())) {
      modules.add("btrfs");
    }
    if (encrypted) {
      modules.addAll(List.of("systemd-cryptsetup", "tpm2-tss"));
    }
    if (a.disk().partitions().stream().anyMatch(p -> p.verity().enabled())) {
      modules.add("systemd-veritysetup");
    }
    m.put("dracutModules", Escape.shell(String.join(" ", modules)));
    m.put("compressor", Compression.initramfs(a.build().compression()));
  }

  /**
   * The initrd generator: the spec's, else the distribution's usual one (the bootstrap installs
   * it).
   */
  static String generator(Appliance a) {
    return EffectiveBoot.initrdGenerator(a);
  }
}
