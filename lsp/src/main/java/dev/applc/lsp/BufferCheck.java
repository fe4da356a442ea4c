package dev.applc.lsp;

import dev.applc.compiler.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.TextEdit;

/**
 * What the server computes for a buffer as it is edited, without a client: the analysis its
 * diagnostics come from, those diagnostics as LSP shows them, the outline and the formatting edit.
 * Tests and the fuzzing harness drive the language server's own code paths through it; one instance
 * keeps one buffer open at a time.
 */
public final class BufferCheck implements AutoCloseable {
  private final StandardLibrary standardLibrary = new StandardLibrary();
  private final Documents documents = new Documents(standardLibrary);
  private final Analyzer analyzer = new Analyzer(documents);

  /** What an editor would show for a buffer of this text. */
  public record Answer(
      List<org.eclipse.lsp4j.Diagnostic> diagnostics, int outlineSymbols, List<TextEdit> edits) {}

  /** Opens the text as the buffer {@code uri}, analyses it as the server does, and closes it. */
  public Answer check(String uri, String text) {
    Document document = documents.open(uri, 1, text);
    try {
      Analysis analysis = analyzer.analyse(document);
      List<org.eclipse.lsp4j.Diagnostic> out = new ArrayList<>();
      for (Diagnostic d : analysis.result().diagnostics()) {
        out.add(LspDiagnostics.toLsp(d, documents));
      }
      int symbols = Outline.symbols(analysis.syntax()).size();
      return new Answer(out, symbols, Formatting.format(document));
    } finally {
      documents.close(uri);
      analyzer.forget(uri);
    }
  }

  @Override
  public void close() {
    standardLibrary.close();
  }
}
