package dev.applc.cli;

import dev.applc.backends.Backends;
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

/** {@code applc compile SPEC -o OUT}: write the generated configuration tree. */
@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Compile a spec into its configuration files. Writes OUT only when everything"
            + " succeeded; a failed compile leaves an existing OUT as it was.")
final class CompileCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin Output output;

  @Parameters(paramLabel = "SPEC", description = "The spec file.")
  String file;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "OUT",
      description = "The output folder.")
  Path out;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description = "Build this profile, such as `dev`.")
  String profile;

  @Option(names = "--strict", description = "Treat warnings as errors.")
  boolean strict;

  @Override
  public Integer call() throws IOException {
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
          spec.commandLine(), name + " declares " + appliances.size() + " appliances; compile one");
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
    boolean failed =
        diagnostics.hasErrors() || (strict && all.stream().anyMatch(d -> !d.isError()));
    if (failed) {
      err.println("nothing written: fix the errors above");
      err.flush();
      return 1;
    }
    OutputWriter.write(tree, out);
    err.println("wrote " + tree.files().size() + " files to " + out);
    err.flush();
    return 0;
  }
}
