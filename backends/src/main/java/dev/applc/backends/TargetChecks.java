package dev.applc.backends;

import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.driver.Cancellation;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Profile;
import dev.applc.compiler.sema.Profiles;

/**
 * What {@code applc compile} would report for a spec, without writing anything: the compiler's
 * diagnostics plus those of every backend, which know what the target's tools can do (APL0600,
 * APL0601). {@code applc check} and the language server use it, so a spec they pass also compiles.
 *
 * <p>The backends run on each appliance as written and with each of its profiles applied, as {@code
 * compile --profile NAME} would; the generated files are thrown away. Like {@code compile}, they
 * run only on a spec the compiler found no error in.
 */
public final class TargetChecks {
  private TargetChecks() {}

  /** The compile's result with the backends' diagnostics added, in source order. */
  public static Result<Compilation> withBackends(Result<Compilation> compiled, String specName) {
    return withBackends(compiled, specName, Cancellation.NEVER);
  }

  /** As {@link #withBackends(Result, String)}, asking {@code cancellation} before each run. */
  public static Result<Compilation> withBackends(
      Result<Compilation> compiled, String specName, Cancellation cancellation) {
    if (compiled.hasErrors() || compiled.value().isEmpty()) {
      return compiled;
    }
    Diagnostics diagnostics = new Diagnostics();
    diagnostics.addAll(compiled.diagnostics());
    for (Appliance appliance : compiled.value().get().appliances()) {
      cancellation.check();
      Backends.generate(appliance, specName, diagnostics);
      for (Profile profile : appliance.profiles()) {
        cancellation.check();
        Backends.generate(Profiles.apply(appliance, profile), specName, diagnostics);
      }
    }
    return new Result<>(compiled.value(), diagnostics.sorted());
  }
}
