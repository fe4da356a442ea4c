package dev.applc.cli;

import dev.applc.backends.TargetChecks;
import dev.applc.cli.diff.Baseline;
import dev.applc.cli.diff.FieldCompatibility;
import dev.applc.cli.diff.GitSourceProvider;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.diag.JsonRenderer;
import dev.applc.compiler.diag.SarifRenderer;
import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.model.Appliance;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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

  /** What check prints: {@code show}'s formats and SARIF, which code-scanning services read. */
  enum Format {
    TEXT,
    JSON,
    SARIF
  }

  @Option(
      names = "--format",
      defaultValue = "text",
      description =
          "Output format: ${COMPLETION-CANDIDATES} (sarif: a SARIF 2.1.0 log on standard output,"
              + " for code scanning).")
  Format format = Format.TEXT;

  @Option(names = "--strict", description = "Treat warnings as errors.")
  boolean strict;

  @Option(
      names = "--against",
      paramLabel = "REV",
      description =
          "Also warn (APL0509) about changes since git revision REV that devices already in the"
              + " field cannot take: slot sizes and offsets, labels, partitions, compatible"
              + " string, keyring, update method.")
  String against;

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
      if (against != null) {
        result = withFieldCompatibility(file, result);
      }
      all.addAll(result.diagnostics());
      failed |= result.hasErrors() || (strict && result.hasWarnings());
    }
    if (format == Format.JSON) {
      out.println(JsonRenderer.render(all));
    } else if (format == Format.SARIF) {
      out.println(SarifRenderer.render(all, VersionProvider.version()));
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

  /** The result with warnings about what changed since {@link #against} for deployed devices. */
  private Result<Compilation> withFieldCompatibility(String file, Result<Compilation> result) {
    if (result.hasErrors() || result.value().isEmpty()) {
      return result;
    }
    List<Appliance> baseline;
    try {
      baseline = Baseline.at(Path.of(file), against);
    } catch (GitSourceProvider.RevisionException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Diagnostics diagnostics = new Diagnostics();
    diagnostics.addAll(result.diagnostics());
    for (Appliance now : result.value().get().appliances()) {
      Baseline.named(baseline, now.name())
          .ifPresent(then -> FieldCompatibility.compare(then, now, diagnostics));
    }
    return new Result<>(result.value(), diagnostics.sorted());
  }
}
