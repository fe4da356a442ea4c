package dev.applc.cli;

import dev.applc.cli.build.BuildEnvironment;
import dev.applc.cli.build.PhasePlan;
import dev.applc.cli.build.PhaseRunner;
import dev.applc.cli.build.SourceDate;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.backend.OutputWriter;
import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.model.Appliance;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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
            + " OUT/config/build/phases/ into OUT/images, one log per phase in OUT/logs."
            + " Phases whose inputs did not change are reused.")
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

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    TextRenderer renderer = new TextRenderer(output.colored());
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
    Path config = out.resolve("config");
    OutputWriter.write(tree, config);
    err.println("compiled " + name + " into " + config);
    err.flush();

    Path specDir = Path.of(specOptions.file).toAbsolutePath().getParent();
    BuildEnvironment env =
        new BuildEnvironment(
            config,
            specDir,
            keys == null ? specDir : keys,
            out.resolve("work"),
            out.resolve("images"),
            out.resolve("logs"),
            cache == null ? out.resolve("cache") : cache,
            SourceDate.of(appliance.build(), specDir));
    PhaseRunner.Outcome outcome = new PhaseRunner(env, err).run(PhasePlan.read(config));
    if (!outcome.ok()) {
      err.println("build failed: " + env.images() + " holds only the results of completed phases");
      err.flush();
      return 1;
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
    err.flush();
    return 0;
  }
}
