package dev.applc.cli;

import dev.applc.build.ApplcLauncher;
import dev.applc.build.KeyFiles;
import dev.applc.build.PhasePlan;
import dev.applc.build.Privileges;
import dev.applc.compiler.backend.OutputFile;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.TextRenderer;
import dev.applc.lifecycle.Fault;
import dev.applc.lifecycle.LifecycleTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code applc test SPEC -o OUT}: the appliance's lifecycle in QEMU, scenario by scenario (see
 * {@link LifecycleTest}).
 */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Prove that the appliance updates and rolls back: build version N, N+1, a broken N+2 (and"
            + " for sysupdate N+3), boot N in QEMU (no network; the updates come on a second disk)"
            + " and run, with the appliance's own updater (RAUC or systemd-sysupdate): first boot,"
            + " update, refusal of a foreign and a tampered update, rollback from a failing health"
            + " check, a power cut during an install, and a tampered root. One PASS or FAIL line"
            + " per scenario, with its evidence and time.")
final class TestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin Output output;

  @Mixin SpecOptions specOptions;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "OUT",
      description =
          "The test's folder: the builds of each version, the update disk, the machine's disk"
              + " and its console logs.")
  Path out;

  @Option(
      names = "--keys",
      paramLabel = "DIR",
      description = "The folder the spec's key paths are relative to (default: the spec's folder).")
  Path keys;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "The cache of finished phases the builds share (default: OUT/cache).")
  Path cache;

  @Option(
      names = "--break",
      paramLabel = "MECHANISM",
      description =
          "Break one mechanism on purpose and expect the scenario that guards it to fail (exit 0"
              + " when it does): failed-unit (first boot), mark-good (update), keyring (refusal),"
              + " health-reboot (rollback), verity-restart (tampered root).")
  String fault;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    Optional<Fault> broken = fault == null ? Optional.empty() : Fault.named(fault);
    if (fault != null && broken.isEmpty()) {
      err.println("error: no mechanism `" + fault + "` to break; one of: " + Fault.names());
      err.flush();
      return 2;
    }
    Optional<String> unprivileged = Privileges.missing();
    if (unprivileged.isPresent()) {
      err.println("error: " + unprivileged.get());
      err.println("  = help: run it as root: the builds need it");
      err.flush();
      return 1;
    }
    TextRenderer renderer = new TextRenderer(output.colored());
    Optional<Generation.Generated> generated = Generation.run(spec, specOptions, renderer, "test");
    if (generated.isEmpty()) {
      return 1;
    }
    Generation.Generated g = generated.get();
    if (g.hasErrors()) {
      err.println("nothing tested: fix the errors above");
      err.flush();
      return 1;
    }
    if (g.missesInputs()) {
      err.println("nothing tested: the inputs above are missing");
      err.flush();
      return 1;
    }
    Optional<String> unsupported = LifecycleTest.unsupported(g.appliance());
    if (unsupported.isPresent()) {
      err.println("error: cannot test " + g.appliance().name() + ": " + unsupported.get());
      err.flush();
      return 1;
    }
    Path specDir = Path.of(specOptions.file).toAbsolutePath().getParent();
    Path keysDir = keys == null ? specDir : keys.toAbsolutePath();
    Optional<OutputFile> list = g.tree().get(PhasePlan.LIST);
    if (list.isPresent()) {
      PhasePlan plan =
          PhasePlan.parse(
              new String(list.get().content(), StandardCharsets.UTF_8).lines().toList());
      List<Diagnostic> missing = KeyFiles.missing(g.appliance(), plan, keysDir, specOptions.file);
      if (!missing.isEmpty()) {
        err.print(renderer.render(missing));
        err.println("nothing tested: the keys above are missing");
        err.flush();
        return 1;
      }
    }
    Path folder = out.toAbsolutePath();
    Files.createDirectories(folder);
    PrintWriter results = spec.commandLine().getOut();
    boolean passed;
    // The phases run this same applc for its helpers (`applc tool oci-unpack`).
    try (ApplcLauncher launcher = ApplcLauncher.create(Main.class.getName())) {
      LifecycleTest.Setup setup =
          new LifecycleTest.Setup(
              g.appliance(),
              g.name(),
              specDir,
              keysDir,
              folder,
              cache == null ? folder.resolve("cache") : cache.toAbsolutePath(),
              broken,
              Optional.of(launcher.script()));
      passed = LifecycleTest.run(setup, results, err);
    }
    results.flush();
    err.flush();
    return passed ? 0 : 1;
  }
}
