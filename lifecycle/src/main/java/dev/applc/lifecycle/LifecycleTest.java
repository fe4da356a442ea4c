package dev.applc.lifecycle;

import dev.applc.backends.phases.PhaseKeys;
import dev.applc.backends.rauc.RaucBootloader;
import dev.applc.backends.rauc.SystemdBootSlots;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.Partition.Filesystem;
import dev.applc.compiler.model.UpdatePolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * `applc test`: builds N, N+1 and the broken N+2 of a spec, boots N in QEMU and runs the
 * appliance's lifecycle on it with its own updater. Prints one line per scenario.
 */
public final class LifecycleTest {
  private LifecycleTest() {}

  /** Where things are: the spec, its keys, the test's output folder and the shared cache. */
  public record Setup(
      Appliance appliance, String specName, Path specDir, Path keysDir, Path out, Path cache) {}

  /** Why a spec cannot be tested, said before anything is built. */
  public static Optional<String> unsupported(Appliance a) {
    if (a.update().isEmpty()) {
      return Optional.of("the appliance does not update: it has no `update` block");
    }
    if (a.update().get().method() != UpdatePolicy.Method.RAUC) {
      return Optional.of(
          "only RAUC appliances are tested yet; `applc test` cannot run a sysupdate appliance");
    }
    if (!a.build().formats().contains("disk") || !a.build().formats().contains("raucb")) {
      return Optional.of(
          "the build must make both `disk` and `raucb`: `build { formats = [disk, raucb] }`");
    }
    if (TestVariants.healthUnit(a).isEmpty()) {
      return Optional.of(
          "the rollback scenario breaks the health check: name a service in"
              + " `rollback { good-when = ... }`");
    }
    if (RaucBootloader.of(a) != RaucBootloader.CUSTOM || SystemdBootSlots.espMount(a).isEmpty()) {
      return Optional.of(
          "only UEFI boards with one mounted ESP are tested yet (RAUC on systemd-boot)");
    }
    if (PhaseKeys.raucKeyring(a).isEmpty()) {
      return Optional.of("the update has no keyring");
    }
    return Optional.empty();
  }

  /** Builds the versions and runs the scenarios; true when every scenario passed. */
  public static boolean run(Setup s, PrintWriter out) throws IOException, InterruptedException {
    Appliance a = s.appliance();
    List<Path> images = new ArrayList<>();
    String[] names = {"n", "next", "broken"};
    for (int step = 0; step < 3; step++) {
      Appliance variant = TestVariants.of(a, step, step == 2);
      out.println("building version " + variant.version() + (step == 2 ? " (broken)" : ""));
      out.flush();
      try {
        images.add(
            VariantBuild.build(
                variant,
                s.specName(),
                s.specDir(),
                s.keysDir(),
                s.out().resolve(names[step]),
                s.cache(),
                out));
      } catch (VariantBuild.Failed e) {
        out.println("FAIL build: " + e.getMessage());
        return false;
      }
    }
    Path updates;
    try {
      updates =
          UpdateArtifacts.prepare(
              images.get(1),
              images.get(2),
              s.out().resolve("updates"),
              s.out().resolve("updates.squashfs"));
    } catch (IOException e) {
      out.println("FAIL update disk: " + e.getMessage());
      return false;
    }
    TestMachine machine;
    try {
      machine = TestMachine.create(images.get(0), updates, s.out().resolve("machine"));
    } catch (TestMachine.Unusable e) {
      out.println("FAIL machine: " + e.getMessage());
      return false;
    }
    RaucScenarios scenarios =
        new RaucScenarios(
            machine,
            new RaucScenarios.Versions(
                TestVariants.version(a, 0), TestVariants.version(a, 1), TestVariants.version(a, 2)),
            dataMounts(a),
            a.update().get().rollback().tries(),
            TestVariants.healthUnit(a).orElseThrow(),
            SystemdBootSlots.espMount(a).orElseThrow(),
            out);
    List<ScenarioResult> results = scenarios.run();
    long passed = results.stream().filter(ScenarioResult::passed).count();
    out.println(passed + " of " + RaucScenarios.COUNT + " scenarios passed");
    out.flush();
    return passed == RaucScenarios.COUNT;
  }

  /** The writable partitions that updates must keep: mounted, not slotted. */
  static List<String> dataMounts(Appliance a) {
    List<String> out = new ArrayList<>();
    for (Partition p : a.disk().partitions()) {
      boolean writable =
          p.format() == Filesystem.EXT4
              || p.format() == Filesystem.BTRFS
              || p.format() == Filesystem.XFS;
      if (p.slot().isEmpty() && p.mount().isPresent() && writable) {
        out.add(p.mount().get());
      }
    }
    return out;
  }
}
