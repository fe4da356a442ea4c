package dev.applc.cli;

import dev.applc.backends.Backends;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Profile;
import dev.applc.compiler.sema.Profiles;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What `compile` and `build` share: compile one spec, apply a profile, run every backend, and print
 * the diagnostics of both steps.
 */
final class Generation {
  private Generation() {}

  /** The generated tree of one appliance and everything the compile and backends reported. */
  record Generated(
      String name, Appliance appliance, OutputTree tree, List<Diagnostic> diagnostics) {
    boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    boolean hasWarnings() {
      return diagnostics.stream().anyMatch(d -> !d.isError());
    }

    /**
     * Whether a file or folder the build copies in does not exist (APL0409): a warning for check
     * and compile, which a build must not start with.
     */
    boolean missesInputs() {
      return diagnostics.stream().anyMatch(d -> d.code() == Code.MISSING_INPUT);
    }
  }

  /**
   * Generates the spec's tree, printing every diagnostic; empty when the spec itself has errors.
   * {@code verb} names what the command does with one appliance ("compile", "build").
   */
  static Optional<Generated> run(
      CommandSpec spec, SpecOptions options, TextRenderer renderer, String verb) {
    String file = options.file;
    String profile = options.profile;
    PrintWriter err = spec.commandLine().getErr();
    String name = Specs.name(file);
    Result<Compilation> result = options.project.locate(spec, file).compile();
    if (result.hasErrors() || result.value().isEmpty()) {
      err.print(renderer.render(result.diagnostics()));
      err.flush();
      return Optional.empty();
    }
    List<Appliance> appliances = result.value().get().appliances();
    if (appliances.size() != 1) {
      throw new ParameterException(
          spec.commandLine(),
          name + " declares " + appliances.size() + " appliances; " + verb + " one");
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
    err.flush();
    return Optional.of(new Generated(name, appliance, tree, all));
  }
}
