package dev.applc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outline: every block, nested as written, named by kind and labels. */
class OutlineTest {
  @TempDir Path dir;

  private static void flatten(List<DocumentSymbol> symbols, String indent, List<String> out) {
    for (DocumentSymbol s : symbols) {
      out.add(indent + s.getName() + (s.getDetail() == null ? "" : " (" + s.getDetail() + ")"));
      flatten(s.getChildren(), indent + "  ", out);
    }
  }

  @Test
  void blocksWithTheirNames() throws Exception {
    try (LspSession lsp = new LspSession()) {
      String uri = lsp.open(dir.resolve("kiosk.appliance"), Specs.KIOSK);
      List<DocumentSymbol> symbols =
          lsp
              .server
              .getTextDocumentService()
              .documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(uri)))
              .get(LspSession.TIMEOUT_SECONDS, TimeUnit.SECONDS)
              .stream()
              .map(Either::getRight)
              .toList();
      List<String> outline = new ArrayList<>();
      flatten(symbols, "", outline);
      assertEquals(
          List.of(
              "appliance kiosk",
              "  os debian bookworm",
              "    user kiosk",
              "    unit kiosk-health.service",
              "  disk (extends ab-verity-root)",
              "    partition esp",
              "    slots [a, b]",
              "      partition root",
              "  session",
              "  profile dev",
              "  update rauc",
              "    rollback",
              "  key verity"),
          outline);
      DocumentSymbol appliance = symbols.get(0);
      assertEquals(SymbolKind.Module, appliance.getKind());
      assertEquals(new Range(new Position(5, 0), new Position(32, 1)), appliance.getRange());
      assertEquals(
          new Range(new Position(5, 10), new Position(5, 15)), appliance.getSelectionRange());
    }
  }
}
