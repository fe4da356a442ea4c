package dev.applc.lifecycle;

import dev.applc.backends.phases.PhaseKeys;
import dev.applc.backends.rauc.RaucBootloader;
import dev.applc.backends.rauc.SystemdBootSlots;
import dev.applc.backends.sysupdate.Artifacts;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.EffectiveBoot;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.Partition.Filesystem;
import dev.applc.compiler.model.PartitionType;
import dev.applc.compiler.model.UpdatePolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * `applc test`: builds N, N+1 and the broken N+2 of a spec, boots N in QEMU and runs the
 * appliance's lifecycle on it with its own updater. Prints one line per scenario.
 */
public final class LifecycleTest {
  private LifecycleTest() {}

  /**
   * Where things are: the spec, its keys, the test's output folder and the shared cache; the fault
   * to break on purpose, if any; and the launcher of this applc for the phases' {@code APPLC}, if
   * any (see {@code ApplcLauncher}).
   */
  public record Setup(
      Appliance appliance,
      String specName,
      Path specDir,
      Path keysDir,
      Path out,
      Path cache,
      Optional<Fault> fault,
      Optional<Path> applc) {}

  /** Why a spec cannot be tested, said before anything is built. */
  public static Optional<String> unsupported(Appliance a) {
    if (a.update().isEmpty()) {
      return Optional.of("the appliance does not update: it has no `update` block");
    }
    if (TestVariants.healthUnit(a).isEmpty()) {
      return Optional.of(
          "the rollback scenario breaks the health check: name a service in"
              + " `rollback { good-when = ... }`");
    }
    return a.update().get().method() == UpdatePolicy.Method.RAUC
        ? unsupportedRauc(a)
        : unsupportedSysupdate(a);
  }

  private static Optional<String> unsupportedRauc(Appliance a) {
    if (!a.build().formats().contains("disk") || !a.build().formats().contains("raucb")) {
      return Optional.of(
          "the build must make both `disk` and `raucb`: `build { formats = [disk, raucb] }`");
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

  private static Optional<String> unsupportedSysupdate(Appliance a) {
    if (!a.build().formats().contains("disk") || !a.build().formats().contains("sysupdate")) {
      return Optional.of(
          "the build must make both `disk` and `sysupdate`:"
              + " `build { formats = [disk, sysupdate] }`");
    }
    if (a.update().get().source().isEmpty()) {
      return Optional.of(
          "the refusal scenario checks the signature on SHA256SUMS, which systemd-sysupdate"
              + " checks only for a `source` URL: set `source` in `update`");
    }
    if (!a.board().firmware().isUefi()
        || a.boot().uki().isEmpty()
        || !EffectiveBoot.countsBoots(a)
        || SystemdBootSlots.espMount(a).isEmpty()) {
      return Optional.of(
          "only UEFI boards with one mounted ESP, a UKI and boot counting are tested yet");
    }
    if (slotted(a).isEmpty()) {
      return Optional.of("no slotted root or /usr partition to update");
    }
    return Optional.empty();
  }

  /**
   * Builds the versions and runs the scenarios; true when every scenario passed, or, with a fault,
   * when the scenario that guards the broken mechanism failed and the ones before it passed. The
   * results go to {@code out}, the builds' progress to {@code progress}.
   */
  public static boolean run(Setup s, PrintWriter out, PrintWriter progress)
      throws IOException, InterruptedException {
    Appliance a = s.appliance();
    boolean rauc = a.update().get().method() == UpdatePolicy.Method.RAUC;
    List<Path> images = new ArrayList<>();
    String[] names = {"n", "next", "broken", "later"};
    int variants = rauc ? 3 : 4;
    for (int step = 0; step < variants; step++) {
      Appliance variant = TestVariants.of(a, step, step == BROKEN);
      int at = step;
      UnaryOperator<OutputTree> fault =
          tree -> s.fault().map(f -> f.patch(tree, a, at)).orElse(tree);
      progress.println(
          "building version " + variant.version() + (step == BROKEN ? " (broken)" : ""));
      progress.flush();
      try {
        images.add(
            VariantBuild.build(
                variant,
                s.specName(),
                s.specDir(),
                s.keysDir(),
                s.out().resolve(names[step]),
                s.cache(),
                s.applc(),
                fault,
                progress));
      } catch (VariantBuild.Failed e) {
        out.println("FAIL build: " + e.getMessage());
        return false;
      }
    }
    Path updates;
    try {
      updates =
          rauc
              ? UpdateArtifacts.prepare(
                  images.get(1),
                  images.get(2),
                  casync(a),
                  s.out().resolve("updates"),
                  s.out().resolve("updates.squashfs"))
              : SysupdateArtifacts.prepare(
                  images.get(1),
                  images.get(2),
                  images.get(3),
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
    Scenarios.Versions versions =
        new Scenarios.Versions(
            TestVariants.version(a, 0), TestVariants.version(a, 1), TestVariants.version(a, 2));
    Scenarios scenarios =
        rauc
            ? new RaucScenarios(
                machine,
                versions,
                dataMounts(a),
                a.update().get().rollback().tries(),
                TestVariants.healthUnit(a).orElseThrow(),
                SystemdBootSlots.espMount(a).orElseThrow(),
                casync(a),
                out)
            : new SysupdateScenarios(
                machine, sysupdateSetup(a, versions, images), dataMounts(a), out);
    if (s.fault().isPresent()) {
      Fault f = s.fault().get();
      f.beforeScenario(a).ifPresent(command -> scenarios.breakBefore(f.scenario(), command));
      out.println("broken on purpose: " + f.what() + "; `" + f.scenario() + "` must fail");
    }
    List<ScenarioResult> results = scenarios.run();
    long passed = results.stream().filter(ScenarioResult::passed).count();
    out.println(passed + " of " + scenarios.count() + " scenarios passed");
    out.flush();
    if (s.fault().isPresent()) {
      return caught(s.fault().get(), results, scenarios.faultNotSet(), out);
    }
    return passed == scenarios.count();
  }

  /** Whether the scenario that guards the broken mechanism, and only it, failed; says which. */
  private static boolean caught(
      Fault f, List<ScenarioResult> results, boolean notSet, PrintWriter out) {
    Optional<ScenarioResult> failed = results.stream().filter(r -> !r.passed()).findFirst();
    boolean caught = !notSet && failed.isPresent() && failed.get().name().equals(f.scenario());
    String why;
    if (caught) {
      why = "`" + f.scenario() + "` failed, as it must when " + f.what();
    } else if (notSet) {
      why = "the fault could not be set before `" + f.scenario() + "`";
    } else if (failed.isEmpty()) {
      why = "every scenario passed although " + f.what();
    } else {
      why = "`" + failed.get().name() + "` failed, where `" + f.scenario() + "` should have";
    }
    out.println((caught ? "CAUGHT " : "MISSED ") + f.id() + ": " + why);
    out.flush();
    return caught;
  }

  private static final int BROKEN = 2;

  /** Whether the update is delivered as a casync bundle (RAUC's {@code delta = casync}). */
  private static boolean casync(Appliance a) {
    return a.update().map(u -> u.delta().equals("casync")).orElse(false);
  }

  private static SysupdateScenarios.Setup sysupdateSetup(
      Appliance a, Scenarios.Versions versions, List<Path> images)
      throws IOException, InterruptedException {
    Partition slotA = slotted(a).orElseThrow();
    String[] partitions =
        SysupdateScenarios.slotPartitions(
            images.get(0).resolve("disk.raw"), slotA.label(), versions.n());
    return new SysupdateScenarios.Setup(
        versions,
        TestVariants.version(a, 3),
        a.update().get().source().orElseThrow(),
        Artifacts.of(a).imageId(),
        SystemdBootSlots.espMount(a).orElseThrow(),
        a.update().get().rollback().tries(),
        TestVariants.healthUnit(a).orElseThrow(),
        slotA.label(),
        partitions[0],
        partitions[1],
        rootHash(images.get(2)),
        rootHash(images.get(3)));
  }

  /** Slot A's root (or /usr) data partition: the one whose version the agent reports. */
  private static Optional<Partition> slotted(Appliance a) {
    String first = a.disk().hasSlots() ? a.disk().slotNames().get(0) : "";
    for (PartitionType.Kind kind : List.of(PartitionType.Kind.ROOT, PartitionType.Kind.USR)) {
      Optional<Partition> p =
          a.disk().partitions().stream()
              .filter(x -> x.type().kind() == kind && x.derivedFrom().isEmpty())
              .filter(x -> x.slot().equals(Optional.of(first)))
              .findFirst();
      if (p.isPresent()) {
        return p;
      }
    }
    return Optional.empty();
  }

  /** The root hash a build wrote ({@code images/NAME.roothash}). */
  private static String rootHash(Path images) throws IOException {
    try (var files = java.nio.file.Files.list(images)) {
      Path file =
          files
              .filter(p -> p.getFileName().toString().endsWith(".roothash"))
              .findFirst()
              .orElseThrow(() -> new IOException("no root hash in " + images));
      return java.nio.file.Files.readString(file).trim();
    }
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
