package dev.applc.cli;

import dev.applc.compiler.backend.OutputFolder;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.backend.OutputWriter;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.TextRenderer;
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

  @Mixin SpecOptions specOptions;

  @Option(
      names = {"-o", "--output"},
      required = true,
      paramLabel = "OUT",
      description = "The output folder.")
  Path out;

  @Option(names = "--strict", description = "Treat warnings as errors.")
  boolean strict;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    TextRenderer renderer = new TextRenderer(output.colored());
    Optional<Diagnostic> refused =
        OutputPaths.refusal(out, specOptions.file, OutputFolder.Kind.COMPILE);
    if (refused.isPresent()) {
      err.print(renderer.renderUnlocated(refused.get()));
      err.println("nothing written");
      err.flush();
      return 1;
    }
    Optional<Generation.Generated> generated =
        Generation.run(spec, specOptions, renderer, "compile");
    if (generated.isEmpty()) {
      return 1;
    }
    Generation.Generated g = generated.get();
    OutputTree tree = g.tree();
    if (g.hasErrors() || (strict && g.hasWarnings())) {
      err.println("nothing written: fix the errors above");
      err.flush();
      return 1;
    }
    try {
      OutputWriter.write(tree, out);
    } catch (OutputFolder.RefusedException e) {
      // OUT changed since the check above.
      err.print(renderer.renderUnlocated(OutputPaths.diagnostic(e.refusal())));
      err.println("nothing written");
      err.flush();
      return 1;
    }
    err.println("wrote " + tree.files().size() + " files to " + out);
    err.flush();
    return 0;
  }
}
