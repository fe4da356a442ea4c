package dev.applc.compiler.driver;

import dev.applc.compiler.diag.Diagnostic;
import java.util.List;
import java.util.Optional;

/** A value (when one could be made) and the diagnostics found making it. */
public record Result<T>(Optional<T> value, List<Diagnostic> diagnostics) {
  public Result {
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  public boolean hasWarnings() {
    return diagnostics.stream().anyMatch(d -> !d.isError());
  }
}
