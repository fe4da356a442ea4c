package dev.applc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.syntax.Formatter;
import dev.applc.compiler.syntax.SpecParser;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Formatting: the same layout as {@code applc fmt}, and nothing on text with syntax errors. */
class FormattingTest {
  @TempDir Path dir;

  private static List<? extends TextEdit> format(LspSession lsp, String uri) throws Exception {
    return lsp.server
        .getTextDocumentService()
        .formatting(
            new DocumentFormattingParams(
                new TextDocumentIdentifier(uri), new FormattingOptions(2, true)))
        .get(LspSession.TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void replacesTheWholeTextWithTheCanonicalLayout() throws Exception {
    try (LspSession lsp = new LspSession()) {
      String messy = "applc 1\nboard  b {arch=x86-64;\n firmware = uefi}\n";
      String uri = lsp.open(dir.resolve("b.appliance"), messy);
      String expected =
          Formatter.format(SpecParser.parse(new SourceFile("b", messy), new Diagnostics()));
      assertEquals(
          List.of(new TextEdit(new Range(new Position(0, 0), new Position(3, 0)), expected)),
          format(lsp, uri));
      assertEquals("applc 1\n\nboard b {\n  arch     = x86-64\n  firmware = uefi\n}\n", expected);
      lsp.change(uri, expected);
      assertEquals(List.of(), format(lsp, uri));
    }
  }

  @Test
  void refusesTextWithSyntaxErrors() throws Exception {
    try (LspSession lsp = new LspSession()) {
      String uri = lsp.open(dir.resolve("b.appliance"), "applc 1\nboard  b {arch=\n");
      assertEquals(List.of(), format(lsp, uri));
    }
  }
}
