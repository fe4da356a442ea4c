package dev.applc.lsp;

import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.syntax.Ast;
import dev.applc.compiler.syntax.Formatter;
import dev.applc.compiler.syntax.SpecParser;
import java.util.List;
import org.eclipse.lsp4j.TextEdit;

/**
 * Formatting, as {@code applc fmt} does it: one edit that replaces the whole text with the
 * canonical layout. A buffer with syntax errors is left alone (no edits), as {@code fmt} leaves
 * such a file: formatting a partial tree would drop what the parser could not read.
 */
final class Formatting {
  private Formatting() {}

  static List<TextEdit> format(Document document) {
    SourceFile source = new SourceFile(document.name(), document.text());
    Diagnostics diagnostics = new Diagnostics();
    Ast.SpecFile ast = SpecParser.parse(source, diagnostics);
    // Syntax errors, or input over a limit (whose tree is empty): either way, leave it be.
    if (diagnostics.hasErrors()) {
      return List.of();
    }
    String formatted = Formatter.format(ast);
    if (formatted.equals(document.text())) {
      return List.of();
    }
    return List.of(new TextEdit(Positions.range(source, 0, document.text().length()), formatted));
  }
}
