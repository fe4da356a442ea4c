package dev.applc.cli;

import dev.applc.compiler.backend.OutputFolder;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceSpan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The output folder check of {@code compile -o} and {@code build -o} ({@link OutputFolder}), as
 * diagnostic APL0010.
 */
final class OutputPaths {
  private OutputPaths() {}

  /** APL0010 when applc may not write to {@code out}; empty when it may. */
  static Optional<Diagnostic> refusal(Path out, String specFile, OutputFolder.Kind kind)
      throws IOException {
    return OutputFolder.check(out, specFile == null ? null : Path.of(specFile), kind)
        .map(OutputPaths::diagnostic);
  }

  /**
   * The refusal as a diagnostic, rendered with {@code TextRenderer.renderUnlocated}: there is no
   * spec text to show, so its span is an empty file named after the path.
   */
  static Diagnostic diagnostic(OutputFolder.Refusal refusal) {
    SourceFile path = new SourceFile(refusal.path().toString(), "");
    return Diagnostic.error(Code.OUTPUT_NOT_APPLC, SourceSpan.at(path, 0), refusal.message())
        .help(
            "choose an empty or new folder for the output"
                + (refusal.clearable()
                    ? ", or delete `" + refusal.path() + "` yourself if nothing in it is needed"
                    : ""))
        .build();
  }
}
