package dev.applc.cli;

import dev.applc.backends.TargetChecks;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.JsonRenderer;
import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Result;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code applc check FILE...}: diagnostics only, for CI and editors. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Check spec files and report problems, everything compile would report; writes"
            + " nothing.")
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin Output output;

  @Mixin ProjectOption project;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Spec files to check.")
  List<String> files = new ArrayList<>();

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES}.")
  Output.Format format = Output.Format.TEXT;

  @Option(names = "--strict", description = "Treat warnings as errors.")
  boolean strict;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Diagnostic> all = new ArrayList<>();
    boolean failed = false;
    for (String file : files) {
      // Everything compile would report, backends included, so check passing means compile will.
      Result<Compilation> result =
          TargetChecks.withBackends(project.locate(spec, file).compile(), Specs.name(file));
      all.addAll(result.diagnostics());
      failed |= result.hasErrors() || (strict && result.hasWarnings());
    }
    if (format == Output.Format.JSON) {
      out.println(JsonRenderer.render(all));
    } else {
      err.print(new TextRenderer(output.colored()).render(all));
      long errors = all.stream().filter(Diagnostic::isError).count();
      long warnings = all.size() - errors;
      err.println(Specs.summary(files.size(), errors, warnings));
    }
    out.flush();
    err.flush();
    return failed ? 1 : 0;
  }
}
