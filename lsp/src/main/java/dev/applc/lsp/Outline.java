package dev.applc.lsp;

import dev.applc.compiler.syntax.Ast;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolKind;

/** The outline of a file: its blocks, nested as written, each named by its kind and labels. */
final class Outline {
  private static final Map<String, SymbolKind> KINDS =
      Map.ofEntries(
          Map.entry("appliance", SymbolKind.Module),
          Map.entry("board", SymbolKind.Class),
          Map.entry("layout", SymbolKind.Struct),
          Map.entry("package-set", SymbolKind.Array),
          Map.entry("disk", SymbolKind.Struct),
          Map.entry("partition", SymbolKind.Field),
          Map.entry("slots", SymbolKind.Array),
          Map.entry("slot", SymbolKind.EnumMember),
          Map.entry("key", SymbolKind.Key),
          Map.entry("profile", SymbolKind.Namespace),
          Map.entry("unit", SymbolKind.Event),
          Map.entry("user", SymbolKind.Constant),
          Map.entry("file", SymbolKind.File),
          Map.entry("os", SymbolKind.Package),
          Map.entry("update", SymbolKind.Interface),
          Map.entry("sysext", SymbolKind.Package));

  private Outline() {}

  static List<DocumentSymbol> symbols(Ast.SpecFile file) {
    return blocks(file.statements());
  }

  private static List<DocumentSymbol> blocks(List<Ast.Statement> statements) {
    List<DocumentSymbol> out = new ArrayList<>();
    for (Ast.Statement s : statements) {
      if (s instanceof Ast.Block b) {
        StringBuilder name = new StringBuilder(b.kind().text());
        for (Ast.Value label : b.labels()) {
          name.append(' ').append(label.span().text());
        }
        DocumentSymbol symbol =
            new DocumentSymbol(
                name.toString(),
                KINDS.getOrDefault(b.kind().text(), SymbolKind.Object),
                Positions.range(b.span()),
                Positions.range(b.labels().isEmpty() ? b.kind().span() : b.labels().get(0).span()));
        b.parent().ifPresent(p -> symbol.setDetail("extends " + p.text()));
        symbol.setChildren(blocks(b.body()));
        out.add(symbol);
      }
    }
    return out;
  }
}
