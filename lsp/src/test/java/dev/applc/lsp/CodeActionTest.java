package dev.applc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quick fixes: the compiler's own fixes of the diagnostics at the cursor. */
class CodeActionTest {
  @TempDir Path dir;

  private static Range range(int line, int column, int endLine, int endColumn) {
    return new Range(new Position(line, column), new Position(endLine, endColumn));
  }

  private static List<CodeAction> actions(LspSession lsp, String uri, Range range)
      throws Exception {
    return lsp
        .server
        .getTextDocumentService()
        .codeAction(
            new CodeActionParams(
                new TextDocumentIdentifier(uri), range, new CodeActionContext(List.of())))
        .get(LspSession.TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .stream()
        .map(Either::getRight)
        .toList();
  }

  @Test
  void aMisspelledPropertyIsReplaced() throws Exception {
    try (LspSession lsp = new LspSession()) {
      String uri =
          lsp.open(dir.resolve("kiosk.appliance"), Specs.KIOSK.replace("size = 8G", "sise = 8G"));
      List<CodeAction> actions = actions(lsp, uri, range(17, 5, 17, 5));
      assertEquals(1, actions.size());
      CodeAction action = actions.get(0);
      assertEquals("use `size`", action.getTitle());
      assertEquals(CodeActionKind.QuickFix, action.getKind());
      assertEquals("APL0100", action.getDiagnostics().get(0).getCode().getLeft());
      assertEquals(
          Map.of(uri, List.of(new TextEdit(range(17, 4, 17, 8), "size"))),
          action.getEdit().getChanges());
      assertEquals(List.of(), actions(lsp, uri, range(20, 0, 20, 3)));
    }
  }

  @Test
  void theMissingLanguageVersionIsAdded() throws Exception {
    try (LspSession lsp = new LspSession()) {
      String uri = lsp.open(dir.resolve("kiosk.appliance"), Specs.KIOSK.replace("applc 1\n\n", ""));
      List<CodeAction> actions = actions(lsp, uri, range(0, 0, 0, 0));
      assertEquals(List.of("add `applc 1`"), actions.stream().map(CodeAction::getTitle).toList());
      assertEquals(
          Map.of(uri, List.of(new TextEdit(range(0, 0, 0, 0), "applc 1\n\n"))),
          actions.get(0).getEdit().getChanges());
    }
  }
}
