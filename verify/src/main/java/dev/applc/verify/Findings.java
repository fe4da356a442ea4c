package dev.applc.verify;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The disagreements found so far, each a located error; a missing tool is reported once. */
final class Findings {
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final Set<String> missingTools = new HashSet<>();

  void add(Code code, SourceSpan span, String message, String label, String help) {
    diagnostics.add(Diagnostic.error(code, span, message).label(label).help(help).build());
  }

  /** A tool that is not installed, at the spec text whose artifact it would have read. */
  void missing(Tools.MissingException e, SourceSpan span, String reads) {
    if (missingTools.add(e.tool)) {
      add(
          Code.VERIFY_TOOL_MISSING,
          span,
          "`" + e.tool + "` is not installed: applc verify needs it to read " + reads,
          "not checked",
          "install the package `" + e.packageName() + "`, then run applc verify again");
    }
  }

  List<Diagnostic> all() {
    return List.copyOf(diagnostics);
  }
}
