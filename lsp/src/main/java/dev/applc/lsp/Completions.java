package dev.applc.lsp;

import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.GoodWhenUnits;
import dev.applc.compiler.sema.BlockSchema;
import dev.applc.compiler.sema.LabelSchema;
import dev.applc.compiler.sema.Node;
import dev.applc.compiler.sema.Program;
import dev.applc.compiler.sema.PropertySchema;
import dev.applc.compiler.sema.Type;
import dev.applc.compiler.syntax.Ast;
import dev.applc.lsp.CursorContext.Frame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Completion at the cursor: block kinds and properties valid in the enclosing block, values of the
 * property being set (choices, names in scope, units after a number), labels of a block being
 * declared, what {@code extends} may name, and standard-library imports. Items whose text does not
 * start with the word being typed are left out.
 */
final class Completions {
  static final List<String> SIZE_UNITS = List.of("K", "M", "G", "T", "B");
  static final List<String> DURATION_UNITS = List.of("s", "min", "h", "ms", "d");

  private final Analysis analysis;
  private final Optional<Analysis> clean;
  private final CursorContext context;
  private final Range range;
  private final Map<String, CompletionItem> items = new LinkedHashMap<>();

  private Completions(Analysis analysis, Optional<Analysis> clean, int offset) {
    this.analysis = analysis;
    this.clean = clean;
    this.context = CursorContext.at(analysis.source().text(), offset);
    this.range = Positions.range(analysis.source(), context.partialStart(), offset);
  }

  /**
   * @param clean the latest analysis of the same buffer without syntax errors, for names that the
   *     parser's recovery may have lost in the text being typed
   */
  static List<CompletionItem> complete(Analysis analysis, Optional<Analysis> clean, int offset) {
    Completions c = new Completions(analysis, clean, offset);
    c.collect();
    return List.copyOf(c.items.values());
  }

  private void collect() {
    switch (context.kind()) {
      case IMPORT ->
          StandardLibrary.names().forEach(n -> add(n, CompletionItemKind.Module, "", ""));
      case STATEMENT -> statement();
      case VALUE -> value();
      case LABEL -> label();
      case EXTENDS -> extendsNames();
      case NONE -> {
        // Nothing fits here.
      }
    }
  }

  private List<String> kinds() {
    return context.path().stream().map(Frame::kind).toList();
  }

  private void statement() {
    List<String> kinds = kinds();
    if (kinds.isEmpty()) {
      add("import", CompletionItemKind.Keyword, "import a file", "");
    }
    Optional<BlockSchema> schema = Docs.schema(kinds);
    String kind = kinds.isEmpty() ? "" : kinds.get(kinds.size() - 1);
    schema.ifPresent(
        s -> {
          for (PropertySchema p : s.properties().values()) {
            if (!context.written().contains(p.name())) {
              add(
                  p.name(),
                  p.name() + " = ",
                  CompletionItemKind.Property,
                  p.type().describe(),
                  Docs.property(p, kind));
            }
          }
        });
    Set<String> present = new LinkedHashSet<>();
    context.siblings().forEach(f -> present.add(f.kind()));
    for (BlockSchema b : Docs.blocks(kinds).values()) {
      if (b.repeatable() || !present.contains(b.kind())) {
        add(b.kind(), CompletionItemKind.Module, Docs.form(b), Docs.block(b));
      }
    }
  }

  private void value() {
    Optional<BlockSchema> schema = Docs.schema(kinds());
    if (schema.isEmpty()) {
      return;
    }
    PropertySchema p = schema.get().properties().get(context.property());
    if (p == null) {
      return;
    }
    Type type = p.type();
    if (context.function().isPresent()) {
      Optional<Type> argument = callArgument(type, context.function().get());
      if (argument.isEmpty()) {
        return;
      }
      type = argument.get();
    } else if (context.inList()) {
      Optional<Type> element = listElement(type);
      if (element.isEmpty()) {
        return;
      }
      type = element.get();
    }
    if (!context.partial().isEmpty() && Character.isDigit(context.partial().charAt(0))) {
      units(type);
      return;
    }
    values(type, !context.function().isPresent());
  }

  private void values(Type type, boolean calls) {
    if (type instanceof Type.Choice choice) {
      choice.values().forEach(v -> value(v, CompletionItemKind.EnumMember, "", ""));
    } else if (type instanceof Type.Bool) {
      value("on", CompletionItemKind.EnumMember, "", "");
      value("off", CompletionItemKind.EnumMember, "", "");
    } else if (type instanceof Type.Ref ref) {
      names(ref.kind())
          .forEach(n -> value(n, CompletionItemKind.Reference, "`" + ref.kind() + "`", ""));
    } else if (type instanceof Type.Word w && w.pattern() == Type.Word.Pattern.UNIT) {
      inTopBlock(top -> SymbolIndex.namesOf(top, "unit"), "unit")
          .forEach(n -> value(n, CompletionItemKind.Reference, "unit defined in the spec", ""));
      if (context.property().equals("good-when")) {
        goodWhenUnits()
            .forEach(n -> value(n, CompletionItemKind.Reference, "unit the appliance has", ""));
      }
    } else if (type instanceof Type.OneOf oneOf) {
      oneOf.options().forEach(o -> values(o, calls));
    } else if (type instanceof Type.Call call && calls) {
      if (call.arguments().size() == 1 && call.arguments().get(0) instanceof Type.Ref ref) {
        for (String n : names(ref.kind())) {
          value(call.function() + "(" + n + ")", CompletionItemKind.Function, call.describe(), "");
        }
      } else {
        value(call.function() + "(", CompletionItemKind.Function, call.describe(), "");
      }
    }
  }

  private void units(Type type) {
    String digits = context.partial().replaceFirst("^([0-9.]*).*$", "$1");
    if (hasType(type, Type.Size.class)) {
      SIZE_UNITS.forEach(u -> value(digits + u, CompletionItemKind.Unit, unitDoc(u), ""));
    }
    if (hasType(type, Type.Duration.class)) {
      DURATION_UNITS.forEach(u -> value(digits + u, CompletionItemKind.Unit, unitDoc(u), ""));
    }
  }

  private static String unitDoc(String unit) {
    return switch (unit) {
      case "B" -> "bytes";
      case "K" -> "KiB, 1024 bytes";
      case "M" -> "MiB, 1024² bytes";
      case "G" -> "GiB, 1024³ bytes";
      case "T" -> "TiB, 1024⁴ bytes";
      case "ms" -> "milliseconds";
      case "s" -> "seconds";
      case "min" -> "minutes";
      case "h" -> "hours";
      default -> "days";
    };
  }

  private static boolean hasType(Type type, Class<? extends Type> wanted) {
    if (wanted.isInstance(type)) {
      return true;
    }
    return type instanceof Type.OneOf o && o.options().stream().anyMatch(t -> hasType(t, wanted));
  }

  private static Optional<Type> callArgument(Type type, String function) {
    if (type instanceof Type.Call c && c.function().equals(function) && !c.arguments().isEmpty()) {
      return Optional.of(c.arguments().get(0));
    }
    if (type instanceof Type.OneOf o) {
      return o.options().stream()
          .map(t -> callArgument(t, function))
          .flatMap(Optional::stream)
          .findFirst();
    }
    return Optional.empty();
  }

  private static Optional<Type> listElement(Type type) {
    if (type instanceof Type.ListOf l) {
      return Optional.of(l.element());
    }
    if (type instanceof Type.OneOf o) {
      return o.options().stream()
          .map(Completions::listElement)
          .flatMap(Optional::stream)
          .findFirst();
    }
    return Optional.empty();
  }

  private void label() {
    List<String> kinds = kinds();
    BlockSchema block = Docs.blocks(kinds).get(context.block());
    if (block == null || context.labelIndex() >= block.labels().size()) {
      return;
    }
    LabelSchema label = block.labels().get(context.labelIndex());
    String container = kinds.isEmpty() ? "" : kinds.get(kinds.size() - 1);
    List<Frame> path = context.path();
    if (block.kind().equals("slot") && !path.isEmpty()) {
      path.get(path.size() - 1)
          .labels()
          .forEach(n -> value(n, CompletionItemKind.Reference, "slot", ""));
    } else if (block.kind().equals("partition") && container.equals("slot") && path.size() >= 2) {
      Frame slots = path.get(path.size() - 2);
      slots.children().stream()
          .filter(f -> f.kind().equals("partition"))
          .forEach(
              f ->
                  f.name()
                      .ifPresent(
                          n -> value(n, CompletionItemKind.Reference, "slotted partition", "")));
      if (path.size() >= 3) {
        layoutPartitions(path.get(path.size() - 3), true);
      }
    } else if (block.kind().equals("partition") && container.equals("slots") && path.size() >= 2) {
      layoutPartitions(path.get(path.size() - 2), true);
    } else if (block.kind().equals("partition")) {
      if (!path.isEmpty()) {
        layoutPartitions(path.get(path.size() - 1), false);
      }
    } else {
      values(label.type(), false);
    }
  }

  /** Partitions of the layout a disk extends, which a block of the same name changes. */
  private void layoutPartitions(Frame disk, boolean inSlots) {
    if (disk.parent().isEmpty()) {
      return;
    }
    for (Program program : programs()) {
      Optional<Node> layout = program.lookup("layout", disk.parent().get());
      if (layout.isEmpty()) {
        continue;
      }
      List<Node> partitions =
          inSlots
              ? layout.get().child("slots").map(s -> s.children("partition")).orElse(List.of())
              : layout.get().children("partition");
      partitions.forEach(
          p ->
              value(
                  p.name(),
                  CompletionItemKind.Reference,
                  "partition of `" + disk.parent().get() + "`",
                  ""));
    }
  }

  private void extendsNames() {
    BlockSchema block = Docs.blocks(kinds()).get(context.block());
    if (block == null || block.extendsKind().isEmpty()) {
      return;
    }
    String kind = block.extendsKind().get();
    names(kind).forEach(n -> value(n, CompletionItemKind.Reference, "`" + kind + "`", ""));
  }

  /** Names of a kind in scope: declarations of the compile, or blocks of the enclosing one. */
  private List<String> names(String kind) {
    Set<String> out = new LinkedHashSet<>();
    if (kind.equals("board") || kind.equals("layout") || kind.equals("package-set")) {
      for (Program p : programs()) {
        out.addAll(new java.util.TreeSet<>(p.declarations().getOrDefault(kind, Map.of()).keySet()));
      }
    } else {
      out.addAll(inTopBlock(top -> SymbolIndex.namesOf(top, kind), kind));
    }
    return List.copyOf(out);
  }

  /** Names of blocks of a kind declared before the cursor, as the brace matching saw them. */
  private static void scanned(Frame frame, String kind, Set<String> out) {
    for (Frame child : frame.children()) {
      if (child.kind().equals(kind)) {
        child.name().ifPresent(out::add);
      }
      scanned(child, kind, out);
    }
  }

  private List<Program> programs() {
    List<Program> out = new ArrayList<>();
    analysis.program().ifPresent(out::add);
    clean.flatMap(Analysis::program).ifPresent(out::add);
    return out;
  }

  /**
   * What {@code good-when} may name without a warning, from the appliance around the cursor as
   * compiled from this text or the last clean one: also the units the spec makes the build
   * generate, such as the session's, which no {@code unit} block names.
   */
  private List<String> goodWhenUnits() {
    if (context.path().isEmpty() || context.path().get(0).name().isEmpty()) {
      return List.of();
    }
    String name = context.path().get(0).name().get();
    List<Analysis> analyses = new ArrayList<>();
    analyses.add(analysis);
    clean.ifPresent(analyses::add);
    for (Analysis a : analyses) {
      Optional<Appliance> appliance =
          a.result().value().stream()
              .flatMap(c -> c.appliances().stream())
              .filter(x -> x.name().equals(name))
              .findFirst();
      if (appliance.isPresent()) {
        return GoodWhenUnits.of(appliance.get());
      }
    }
    return List.of();
  }

  /** Names found in the top-level block around the cursor, in this text and the last clean one. */
  private List<String> inTopBlock(
      java.util.function.Function<Ast.Block, List<String>> find, String kind) {
    if (context.path().isEmpty()) {
      return List.of();
    }
    Frame top = context.path().get(0);
    Set<String> out = new LinkedHashSet<>();
    scanned(top, kind, out);
    List<Ast.SpecFile> trees = new ArrayList<>();
    trees.add(analysis.syntax());
    clean.ifPresent(c -> trees.add(c.syntax()));
    for (Ast.SpecFile tree : trees) {
      for (Ast.Statement s : tree.statements()) {
        if (s instanceof Ast.Block b
            && b.kind().text().equals(top.kind())
            && SymbolIndex.name(b).map(Ast.Name::text).equals(top.name())) {
          out.addAll(find.apply(b));
        }
      }
    }
    return List.copyOf(out);
  }

  private void value(String text, CompletionItemKind kind, String detail, String doc) {
    int at = context.partialStart();
    String source = analysis.source().text();
    String insert = at > 0 && source.charAt(at - 1) == '=' ? " " + text : text;
    add(text, insert, kind, detail, doc);
  }

  private void add(String label, CompletionItemKind kind, String detail, String doc) {
    add(label, label, kind, detail, doc);
  }

  private void add(
      String label, String insert, CompletionItemKind kind, String detail, String doc) {
    if (!label.startsWith(context.partial()) || items.containsKey(label)) {
      return;
    }
    CompletionItem item = new CompletionItem(label);
    item.setKind(kind);
    if (!detail.isEmpty()) {
      item.setDetail(detail);
    }
    if (!doc.isEmpty()) {
      item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, doc));
    }
    item.setSortText(String.format(java.util.Locale.ROOT, "%04d", items.size()));
    item.setTextEdit(Either.forLeft(new TextEdit(range, insert)));
    items.put(label, item);
  }
}
