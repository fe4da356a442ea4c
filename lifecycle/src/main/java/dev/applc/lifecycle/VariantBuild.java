package dev.applc.lifecycle;

import dev.applc.backends.Backends;
import dev.applc.build.BuildEnvironment;
import dev.applc.build.PhasePlan;
import dev.applc.build.PhaseRunner;
import dev.applc.build.SourceDate;
import dev.applc.compiler.backend.OutputFile;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.backend.OutputWriter;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.model.Appliance;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Builds one test variant as `applc build` builds a spec: the backends generate its tree, and the
 * build phases run with a cache that the variants share, so that N+1 and N+2 reuse N's bootstrap.
 */
final class VariantBuild {
  private VariantBuild() {}

  /** Thrown when a variant does not build; the message says why. */
  static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;

    Failed(String message) {
      super(message);
    }
  }

  /**
   * Builds {@code variant} into {@code out} ({@code config/}, {@code work/}, {@code images/} and
   * {@code logs/}) and returns the images folder. {@code fault} may change what the backends
   * generated (see {@link Fault}).
   */
  static Path build(
      Appliance variant,
      String specName,
      Path specDir,
      Path keysDir,
      Path out,
      Path cache,
      Optional<Path> applc,
      UnaryOperator<OutputTree> fault,
      PrintWriter err)
      throws IOException, InterruptedException, Failed {
    Diagnostics diagnostics = new Diagnostics();
    OutputTree generated = Backends.generate(variant, specName, diagnostics);
    List<Diagnostic> errors = diagnostics.sorted().stream().filter(Diagnostic::isError).toList();
    if (!errors.isEmpty()) {
      throw new Failed(
          "version " + variant.version() + " does not compile: " + errors.get(0).message());
    }
    OutputTree tree = fault.apply(generated);
    Optional<OutputFile> list = tree.get(PhasePlan.LIST);
    if (list.isEmpty()) {
      throw new Failed(variant.name() + " has no build phases");
    }
    PhasePlan plan =
        PhasePlan.parse(new String(list.get().content(), StandardCharsets.UTF_8).lines().toList());
    BuildEnvironment plain =
        BuildEnvironment.in(out, specDir, keysDir, cache, SourceDate.of(variant.build(), specDir));
    BuildEnvironment env = applc.map(plain::withApplc).orElse(plain);
    OutputWriter.write(tree, env.config());
    PhaseRunner.Outcome outcome = new PhaseRunner(env, err).run(plan);
    if (outcome.stopped()) {
      throw new Failed("the build of version " + variant.version() + " was stopped");
    }
    if (!outcome.ok()) {
      throw new Failed(
          "version "
              + variant.version()
              + " did not build: phase "
              + outcome.failed()
              + " failed (its log is in "
              + env.logs()
              + ")");
    }
    return env.images();
  }
}
