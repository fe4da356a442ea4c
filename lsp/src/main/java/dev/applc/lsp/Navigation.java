package dev.applc.lsp;

import dev.applc.compiler.source.SourceSpan;
import dev.applc.compiler.syntax.Ast;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * Go to definition, find references and rename. References are gathered from every open buffer's
 * analysis (each covers the buffer and what it imports), so that a layout's partition renamed in
 * the layout's file is renamed in the open appliance that changes it too.
 */
final class Navigation {
  /** What rename changes: names whose references the compiler can follow. */
  static final Set<String> RENAMABLE = Set.of("partition", "slot", "profile", "key");

  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9_.@+-]*");

  private Navigation() {}

  static List<Location> definition(Analysis analysis, int offset, Documents documents) {
    for (Ast.Import imp : analysis.syntax().imports()) {
      if (Positions.touches(imp.span(), offset)) {
        String target = dev.applc.compiler.sema.Loader.resolve(analysis.source().name(), imp);
        if (!analysis.files().contains(target)) {
          return List.of();
        }
        Range start = new Range(new Position(0, 0), new Position(0, 0));
        return List.of(new Location(documents.uri(target), start));
      }
    }
    return analysis
        .symbols()
        .at(analysis.source().name(), offset)
        .flatMap(o -> analysis.symbols().declaration(o))
        .map(span -> List.of(location(span, documents)))
        .orElse(List.of());
  }

  static List<Location> references(
      Analysis analysis,
      int offset,
      boolean includeDeclaration,
      List<Analysis> open,
      Documents documents) {
    return occurrences(analysis, offset, open).stream()
        .filter(o -> includeDeclaration || !o.definition())
        .map(o -> location(o.span(), documents))
        .toList();
  }

  static Range prepareRename(Analysis analysis, int offset, List<Analysis> open) {
    Occurrence o = renamable(analysis, offset);
    for (Occurrence each : occurrences(analysis, offset, open)) {
      inStandardLibrary(each);
    }
    return Positions.range(nameSpan(o.span()));
  }

  static WorkspaceEdit rename(
      Analysis analysis, int offset, String newName, List<Analysis> open, Documents documents) {
    Occurrence o = renamable(analysis, offset);
    if (!NAME.matcher(newName).matches()) {
      throw error("`" + newName + "` is not a name: use letters, digits, `_`, `-`, `.`, `@`, `+`");
    }
    Map<String, List<TextEdit>> changes = new LinkedHashMap<>();
    for (Occurrence each : occurrences(analysis, offset, open)) {
      inStandardLibrary(each);
      changes
          .computeIfAbsent(documents.uri(each.span().file().name()), k -> new ArrayList<>())
          .add(new TextEdit(Positions.range(nameSpan(each.span())), newName));
    }
    if (changes.isEmpty()) {
      throw error("nothing named `" + o.name() + "` to rename");
    }
    return new WorkspaceEdit(changes);
  }

  private static Occurrence renamable(Analysis analysis, int offset) {
    Optional<Occurrence> o = analysis.symbols().at(analysis.source().name(), offset);
    if (o.isEmpty()) {
      throw error("there is no name here to rename");
    }
    if (!RENAMABLE.contains(o.get().kind())) {
      throw error(
          "only partitions, slots, profiles and keys can be renamed, not a " + o.get().kind());
    }
    return o.get();
  }

  private static void inStandardLibrary(Occurrence o) {
    if (!Documents.editable(o.span().file().name())) {
      throw error(
          "`"
              + o.name()
              + "` is declared in the standard library (`"
              + o.span().file().name()
              + "`), which cannot be changed; rename it there only by copying the file");
    }
  }

  /** Every occurrence, in every open analysis, of what the name under the cursor declares. */
  private static List<Occurrence> occurrences(Analysis analysis, int offset, List<Analysis> open) {
    Optional<SourceSpan> declaration =
        analysis
            .symbols()
            .at(analysis.source().name(), offset)
            .flatMap(o -> analysis.symbols().declaration(o));
    if (declaration.isEmpty()) {
      return List.of();
    }
    String key = Occurrence.location(declaration.get());
    Map<String, Occurrence> found = new LinkedHashMap<>();
    List<Analysis> all = new ArrayList<>();
    all.add(analysis);
    all.addAll(open);
    for (Analysis a : all) {
      for (Occurrence o : a.symbols().all()) {
        Optional<SourceSpan> d = a.symbols().declaration(o);
        if (d.isPresent() && Occurrence.location(d.get()).equals(key)) {
          found.putIfAbsent(o.location(), o);
        }
      }
    }
    return List.copyOf(found.values());
  }

  /** The name inside a span: without the quotes of a quoted name. */
  private static SourceSpan nameSpan(SourceSpan span) {
    String text = span.text();
    if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
      return new SourceSpan(span.file(), span.start() + 1, span.end() - 1);
    }
    return span;
  }

  private static Location location(SourceSpan span, Documents documents) {
    return new Location(documents.uri(span.file().name()), Positions.range(span));
  }

  private static ResponseErrorException error(String message) {
    return new ResponseErrorException(
        new ResponseError(ResponseErrorCode.InvalidRequest, message, null));
  }
}
