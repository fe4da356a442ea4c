package dev.applc.cli;

import dev.applc.build.ApplcLauncher;
import dev.applc.build.BuildEnvironment;
import dev.applc.build.BuildEvents;
import dev.applc.build.ChunkDelta;
import dev.applc.build.ImageSbom;
import dev.applc.build.KeyFiles;
import dev.applc.build.PhasePlan;
import dev.applc.build.PhaseRunner;
import dev.applc.build.Privileges;
import dev.applc.build.SourceDate;
import dev.applc.compiler.backend.OutputFile;
import dev.applc.compiler.backend.OutputFolder;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.backend.OutputWriter;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.model.Appliance;
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
 * {@code applc build SPEC -o OUT}: compile into OUT/config, then run the generated build phases
 * into OUT/images, with logs in OUT/logs and a cache that skips what has not changed.
 */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Build a spec's images: compile it into OUT/config, then run the phases of"
            + " OUT/config/build/phases/ into OUT/images, one log per phase in OUT/logs, and"
            + " its SBOM into OUT/sbom.cdx.json. Phases whose inputs did not change are reused.")
final class BuildCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin Output output;

  @Mixin SpecOptions specOptions;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "OUT",
      description = "The output folder: config/, images/, logs/, work/ and cache/ go there.")
  Path out;

  @Option(
      names = "--keys",
      paramLabel = "DIR",
      description = "The folder the spec's key paths are relative to (default: the spec's folder).")
  Path keys;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "The cache of finished phases (default: OUT/cache).")
  Path cache;

  @Option(
      names = "--previous",
      paramLabel = "OLD",
      description =
          "An earlier build's output folder: print what a device running it downloads to update"
              + " to this build, from the casync chunk stores of both.")
  Path previous;

  @Option(
      names = "--format",
      defaultValue = "text",
      description =
          "Progress: ${COMPLETION-CANDIDATES} (json: one JSON event per line on standard output,"
              + " per phase and artifact).")
  Output.Format format = Output.Format.TEXT;

  /** What the phases did, once they ran. */
  private PhaseRunner.Outcome outcome;

  @Override
  public Integer call() throws IOException, InterruptedException {
    long start = System.nanoTime();
    BuildEvents events =
        format == Output.Format.JSON ? new BuildEvents(spec.commandLine().getOut()) : null;
    int exit = build(events);
    if (events != null) {
      String status = exit == 0 ? "built" : exit == 130 ? "stopped" : "failed";
      events.buildEnded(status, outcome, System.nanoTime() - start);
    }
    return exit;
  }

  /** The build; with {@code events}, its progress as JSON events instead of lines on stderr. */
  private int build(BuildEvents events) throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    if (previous != null && !Files.isDirectory(previous)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--previous " + previous + " is not a folder");
    }
    if (previous != null
        && previous.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
      // The build empties OUT/images first: there would be nothing left to compare with.
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--previous names the output folder itself; give an earlier one");
    }
    Optional<String> unprivileged = Privileges.missing();
    if (unprivileged.isPresent()) {
      // Before anything is written: every phase after the bootstrap would fail on file owners.
      err.println("error: " + unprivileged.get());
      err.println(
          "  = help: run it as root, e.g. with sudo, or in a CI job that runs as root;"
              + " `applc check` and `applc compile` need no root");
      err.println("nothing built");
      err.flush();
      return 1;
    }
    TextRenderer renderer = new TextRenderer(output.colored());
    Optional<Diagnostic> refused =
        OutputPaths.refusal(out, specOptions.file, OutputFolder.Kind.BUILD);
    if (refused.isPresent()) {
      err.print(renderer.renderUnlocated(refused.get()));
      err.println("nothing built");
      err.flush();
      return 1;
    }
    Optional<Generation.Generated> generated = Generation.run(spec, specOptions, renderer, "build");
    if (generated.isEmpty()) {
      return 1;
    }
    Generation.Generated g = generated.get();
    String name = g.name();
    Appliance appliance = g.appliance();
    OutputTree tree = g.tree();
    if (g.hasErrors()) {
      err.println("nothing built: fix the errors above");
      err.flush();
      return 1;
    }
    if (g.missesInputs()) {
      err.println("nothing built: the inputs above are missing");
      err.flush();
      return 1;
    }
    Path specDir = Path.of(specOptions.file).toAbsolutePath().getParent();
    Path keysDir = keys == null ? specDir : keys;
    Optional<OutputFile> list = tree.get(PhasePlan.LIST);
    if (list.isEmpty()) {
      err.println("nothing built: " + name + " has no build phases");
      err.flush();
      return 1;
    }
    PhasePlan plan =
        PhasePlan.parse(new String(list.get().content(), StandardCharsets.UTF_8).lines().toList());
    List<Diagnostic> missingKeys = KeyFiles.missing(appliance, plan, keysDir, specOptions.file);
    if (!missingKeys.isEmpty()) {
      err.print(renderer.render(missingKeys));
      err.println("nothing built: the keys above are missing");
      err.flush();
      return 1;
    }
    Path config = out.resolve(OutputFolder.BUILD_CONFIG);
    try {
      OutputWriter.write(tree, config);
    } catch (OutputFolder.RefusedException e) {
      // OUT changed since the check above.
      err.print(renderer.renderUnlocated(OutputPaths.diagnostic(e.refusal())));
      err.println("nothing built");
      err.flush();
      return 1;
    }
    err.println("compiled " + name + " into " + config);
    err.flush();

    // An SBOM describes the images of the build that wrote it: none while this one runs.
    Files.deleteIfExists(ImageSbom.file(out));
    BuildEnvironment env;
    // The phases run this same applc for its helpers (`applc tool oci-unpack`).
    try (ApplcLauncher launcher = ApplcLauncher.create(Main.class.getName())) {
      env =
          BuildEnvironment.in(
                  out,
                  specDir,
                  keysDir,
                  cache == null ? out.resolve("cache") : cache,
                  SourceDate.of(appliance.build(), specDir))
              .withApplc(launcher.script());
      if (events == null) {
        outcome = new PhaseRunner(env, err).run(plan);
      } else {
        events.buildStarted(
            appliance.name(), appliance.version(), Specs.name(specOptions.file), out, plan);
        outcome = new PhaseRunner(env, err, events).run(plan);
      }
    }
    if (outcome.stopped()) {
      return 130;
    }
    if (!outcome.ok()) {
      err.println("build failed: " + env.images() + " holds only the results of completed phases");
      err.flush();
      return 1;
    }
    if (events != null) {
      events.artifacts(plan, env.images());
    }
    err.println(
        "built "
            + appliance.name()
            + " into "
            + env.images()
            + " ("
            + outcome.ran().size()
            + " phases run, "
            + outcome.reused().size()
            + " reused)");
    ImageSbom.Written sbom =
        ImageSbom.write(out, env, appliance, Path.of(specOptions.file), toolVersion());
    err.println(
        "wrote the SBOM "
            + sbom.file()
            + " ("
            + sbom.packages()
            + " packages, "
            + sbom.artifacts()
            + " artifacts)");
    if (previous != null) {
      reportDelta(err, env.images());
    }
    err.flush();
    return 0;
  }

  /** applc's version, as {@code applc --version} prints it. */
  private static String toolVersion() {
    String version = new VersionProvider().getVersion()[0];
    return version.substring(version.indexOf(' ') + 1);
  }

  /** The download from the previous build to this one, by casync chunks. */
  private void reportDelta(PrintWriter err, Path images) throws IOException {
    List<Path> stores = ChunkDelta.stores(images);
    if (stores.isEmpty()) {
      err.println(
          "no delta from "
              + previous
              + ": this build made no casync chunk store (the spec sets no `delta = casync`)");
      return;
    }
    Path old = previous.resolve("images");
    List<Path> oldStores = ChunkDelta.stores(Files.isDirectory(old) ? old : previous);
    if (oldStores.isEmpty()) {
      err.println(
          "no delta from " + previous + ": it holds no casync chunk store (images/*.castr)");
      return;
    }
    err.println("delta from " + previous + ": " + ChunkDelta.between(oldStores, stores).describe());
  }
}
