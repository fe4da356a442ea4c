package dev.applc.lsp;

import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Label;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Location;

/**
 * A compiler diagnostic as LSP shows it: code, severity, the message with its notes and help
 * appended (editors show one message), and the related places as related information.
 */
final class LspDiagnostics {
  static final String SOURCE = "applc";

  private LspDiagnostics() {}

  static org.eclipse.lsp4j.Diagnostic toLsp(Diagnostic d, Documents documents) {
    StringBuilder message = new StringBuilder(d.message());
    for (String note : d.notes()) {
      message.append("\nnote: ").append(note);
    }
    d.help().ifPresent(h -> message.append("\nhelp: ").append(h));
    org.eclipse.lsp4j.Diagnostic out =
        new org.eclipse.lsp4j.Diagnostic(
            Positions.range(d.span()), message.toString(), severity(d), SOURCE, d.code().id());
    List<DiagnosticRelatedInformation> related = new ArrayList<>();
    for (Label l : d.related()) {
      related.add(
          new DiagnosticRelatedInformation(
              new Location(documents.uri(l.span().file().name()), Positions.range(l.span())),
              l.message()));
    }
    if (!related.isEmpty()) {
      out.setRelatedInformation(related);
    }
    return out;
  }

  private static DiagnosticSeverity severity(Diagnostic d) {
    return switch (d.severity()) {
      case ERROR -> DiagnosticSeverity.Error;
      case WARNING -> DiagnosticSeverity.Warning;
      case NOTE -> DiagnosticSeverity.Information;
    };
  }
}
