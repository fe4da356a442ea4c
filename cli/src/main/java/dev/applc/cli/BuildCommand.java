package dev.applc.cli;

import dev.applc.backends.Backends;
import dev.applc.cli.build.BuildEnvironment;
import dev.applc.cli.build.PhasePlan;
import dev.applc.cli.build.PhaseRunner;
import dev.applc.cli.build.SourceDate;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.backend.OutputWriter;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Profile;
import dev.applc.compiler.sema.Profiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
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

  @Parameters(paramLabel = "SPEC", description = "The spec file.")
  String file;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "OUT",
      description = "The output folder: config/, images/, logs/, work/ and cache/ go there.")
  Path out;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description = "Build this profile, such as `dev`.")
  String profile;

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
    String name = Specs.name(file);
    Result<Compilation> result = Specs.locate(file).compile();
    if (result.hasErrors() || result.value().isEmpty()) {
      err.print(renderer.render(result.diagnostics()));
      err.flush();
      return 1;
    }
    List<Appliance> appliances = result.value().get().appliances();
    if (appliances.size() != 1) {
      throw new ParameterException(
          spec.commandLine(), name + " declares " + appliances.size() + " appliances; build one");
    }
    Appliance appliance = appliances.get(0);
    if (profile != null) {
      Optional<Profile> p = appliance.profile(profile);
      if (p.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(),
            "appliance `" + appliance.name() + "` has no profile `" + profile + "`");
      }
      appliance = Profiles.apply(appliance, p.get());
    }
    Diagnostics diagnostics = new Diagnostics();
    diagnostics.addAll(result.diagnostics());
    OutputTree tree = Backends.generate(appliance, name, diagnostics);
    List<Diagnostic> all = diagnostics.sorted();
    err.print(renderer.render(all));
    if (diagnostics.hasErrors()) {
      err.println("nothing built: fix the errors above");
      err.flush();
      return 1;
    }
    Path config = out.resolve("config");
    OutputWriter.write(tree, config);
    err.println("compiled " + name + " into " + config);
    err.flush();

    Path specDir = Path.of(file).toAbsolutePath().getParent();
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
