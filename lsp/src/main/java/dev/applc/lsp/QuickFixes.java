package dev.applc.lsp;

import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Fix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Code actions: the compiler's own fixes of the diagnostics in the requested range, such as the
 * property name a misspelling was meant to be, or the missing {@code applc 1} line.
 */
final class QuickFixes {
  private QuickFixes() {}

  static List<Either<Command, CodeAction>> actions(
      Analysis analysis, Range range, Documents documents) {
    int start = Positions.offset(analysis.source(), range.getStart());
    int end = Positions.offset(analysis.source(), range.getEnd());
    List<Either<Command, CodeAction>> out = new ArrayList<>();
    for (Diagnostic d : analysis.result().diagnostics()) {
      if (d.fix().isEmpty()
          || !d.span().file().name().equals(analysis.source().name())
          || d.span().start() > end
          || d.span().end() < start) {
        continue;
      }
      Fix fix = d.fix().get();
      if (!Documents.editable(fix.span().file().name())) {
        continue;
      }
      CodeAction action = new CodeAction(fix.title());
      action.setKind(CodeActionKind.QuickFix);
      action.setDiagnostics(List.of(LspDiagnostics.toLsp(d, documents)));
      action.setIsPreferred(true);
      action.setEdit(
          new WorkspaceEdit(
              Map.of(
                  documents.uri(fix.span().file().name()),
                  List.of(new TextEdit(Positions.range(fix.span()), fix.replacement())))));
      out.add(Either.forRight(action));
    }
    return out;
  }
}
