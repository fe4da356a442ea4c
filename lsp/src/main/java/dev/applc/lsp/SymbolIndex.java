package dev.applc.lsp;

import dev.applc.compiler.sema.BlockSchema;
import dev.applc.compiler.sema.Language;
import dev.applc.compiler.sema.Node;
import dev.applc.compiler.sema.Program;
import dev.applc.compiler.sema.PropertySchema;
import dev.applc.compiler.sema.Type;
import dev.applc.compiler.source.SourceSpan;
import dev.applc.compiler.syntax.Ast;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every declaration and reference of a name in the files of one compile, found by walking the
 * syntax trees against the language schema: a property whose type is a reference to a key refers to
 * a key, {@code extends NAME} to a layout or board, a {@code slot NAME} block to a slot, and a
 * partition block in a disk that extends a layout to the layout's partition of that name.
 */
final class SymbolIndex {
  static final SymbolIndex EMPTY = new SymbolIndex(List.of());

  /** Declarations that are found by name across all files of a compile. */
  private static final Set<String> GLOBAL = Set.of("board", "layout", "package-set");

  private final List<Occurrence> occurrences;
  private final Map<String, Occurrence> byLocation = new LinkedHashMap<>();

  private SymbolIndex(List<Occurrence> occurrences) {
    this.occurrences = List.copyOf(occurrences);
    for (Occurrence o : occurrences) {
      byLocation.putIfAbsent(o.location(), o);
    }
  }

  static SymbolIndex build(Program program) {
    Walker walker = new Walker(program);
    for (Ast.SpecFile file : program.files()) {
      walker.file(file);
    }
    return new SymbolIndex(walker.out);
  }

  List<Occurrence> all() {
    return occurrences;
  }

  /** The occurrence under the cursor in a file, if any. */
  Optional<Occurrence> at(String fileName, int offset) {
    return occurrences.stream()
        .filter(o -> o.span().file().name().equals(fileName) && Positions.touches(o.span(), offset))
        .findFirst();
  }

  /**
   * The declaration an occurrence finally stands for: itself for a declaration, the end of the
   * chain of references otherwise; empty for a reference to something undefined.
   */
  Optional<SourceSpan> declaration(Occurrence o) {
    Occurrence current = o;
    for (int hops = 0; hops < 16; hops++) {
      if (current.definition()) {
        return Optional.of(current.span());
      }
      if (current.target().isEmpty()) {
        return Optional.empty();
      }
      SourceSpan target = current.target().get();
      Occurrence next = byLocation.get(Occurrence.location(target));
      if (next == null) {
        return Optional.of(target);
      }
      current = next;
    }
    return Optional.empty();
  }

  /** Walks the files of a compile, collecting occurrences. */
  private static final class Walker {
    private final Program program;
    private final List<Occurrence> out = new ArrayList<>();

    Walker(Program program) {
      this.program = program;
    }

    void file(Ast.SpecFile file) {
      for (Ast.Statement s : file.statements()) {
        if (!(s instanceof Ast.Block b)) {
          continue;
        }
        BlockSchema schema = Language.TOP_LEVEL.get(b.kind().text());
        if (schema == null) {
          continue;
        }
        name(b).ifPresent(n -> define(b.kind().text(), n));
        parent(b, schema);
        body(b, schema, b, List.of(b));
      }
    }

    private void body(Ast.Block block, BlockSchema schema, Ast.Block top, List<Ast.Block> path) {
      for (Ast.Statement s : block.body()) {
        if (s instanceof Ast.Property p) {
          PropertySchema ps = schema.properties().get(p.key().text());
          if (ps != null) {
            value(ps.type(), p.value(), top);
          }
        } else if (s instanceof Ast.Block c) {
          BlockSchema cs = schema.blocks().get(c.kind().text());
          if (cs == null) {
            continue;
          }
          List<Ast.Block> childPath = new ArrayList<>(path);
          childPath.add(c);
          nested(c, block, path);
          parent(c, cs);
          body(c, cs, top, childPath);
        }
      }
    }

    /** A nested block that declares or refers to a name. */
    private void nested(Ast.Block c, Ast.Block container, List<Ast.Block> path) {
      String kind = c.kind().text();
      switch (kind) {
        case "key", "profile", "unit" -> name(c).ifPresent(n -> define(kind, n));
        case "partition" -> name(c).ifPresent(n -> partition(n, container, path));
        case "slots" -> {
          if (!c.labels().isEmpty() && c.labels().get(0) instanceof Ast.ListValue list) {
            for (Ast.Value item : list.items()) {
              if (item instanceof Ast.IdentValue id) {
                define("slot", new Ast.Name(id.name(), id.span()));
              }
            }
          }
        }
        case "slot" ->
            name(c)
                .ifPresent(
                    n -> refer("slot", n, slotName(container, n.text()).map(Ast.Name::span)));
        default -> {
          // Other blocks name nothing that is referred to.
        }
      }
    }

    /**
     * A partition block: a declaration, or a change of a partition declared elsewhere (the layout a
     * disk extends, or the {@code slots} block a {@code slot} block belongs to).
     */
    private void partition(Ast.Name n, Ast.Block container, List<Ast.Block> path) {
      String containerKind = container.kind().text();
      Optional<SourceSpan> target = Optional.empty();
      if (containerKind.equals("slot") && path.size() >= 2) {
        Ast.Block slots = path.get(path.size() - 2);
        target = childName(slots, "partition", n.text()).map(Ast.Name::span);
        if (target.isEmpty() && path.size() >= 3) {
          target = layoutPartition(path.get(path.size() - 3), true, n.text());
        }
        refer("partition", n, target);
        return;
      }
      if (containerKind.equals("slots") && path.size() >= 2) {
        target = layoutPartition(path.get(path.size() - 2), true, n.text());
      } else {
        target = layoutPartition(container, false, n.text());
      }
      if (target.isPresent()) {
        refer("partition", n, target);
      } else {
        define("partition", n);
      }
    }

    /** The partition of that name in the layout a disk (or layout) extends. */
    private Optional<SourceSpan> layoutPartition(Ast.Block disk, boolean inSlots, String name) {
      if (disk.parent().isEmpty()) {
        return Optional.empty();
      }
      Optional<Node> layout = program.lookup("layout", disk.parent().get().text());
      if (layout.isEmpty()) {
        return Optional.empty();
      }
      List<Node> candidates =
          inSlots
              ? layout.get().child("slots").map(s -> s.children("partition")).orElse(List.of())
              : layout.get().children("partition");
      return candidates.stream()
          .filter(p -> p.name().equals(name) && !p.labels().isEmpty())
          .map(p -> p.labels().get(0).span())
          .findFirst();
    }

    private static Optional<Ast.Name> slotName(Ast.Block slots, String name) {
      if (!slots.kind().text().equals("slots")
          || slots.labels().isEmpty()
          || !(slots.labels().get(0) instanceof Ast.ListValue list)) {
        return Optional.empty();
      }
      return list.items().stream()
          .filter(v -> v instanceof Ast.IdentValue id && id.name().equals(name))
          .map(v -> new Ast.Name(name, v.span()))
          .findFirst();
    }

    private void parent(Ast.Block b, BlockSchema schema) {
      if (b.parent().isEmpty() || schema.extendsKind().isEmpty()) {
        return;
      }
      String kind = schema.extendsKind().get();
      Ast.Name p = b.parent().get();
      refer(kind, p, global(kind, p.text()));
    }

    /** References in a property value, as the property's type says. */
    private boolean value(Type type, Ast.Value value, Ast.Block top) {
      if (type instanceof Type.Ref ref && value instanceof Ast.IdentValue id) {
        Ast.Name n = new Ast.Name(id.name(), id.span());
        refer(ref.kind(), n, resolve(ref.kind(), id.name(), top));
        return true;
      }
      if (type instanceof Type.Word w
          && w.pattern() == Type.Word.Pattern.UNIT
          && value instanceof Ast.IdentValue id) {
        Optional<Ast.Name> unit = findNamed(top, "unit", id.name());
        unit.ifPresent(
            u -> refer("unit", new Ast.Name(id.name(), id.span()), Optional.of(u.span())));
        return unit.isPresent();
      }
      if (type instanceof Type.ListOf list && value instanceof Ast.ListValue items) {
        boolean any = false;
        for (Ast.Value item : items.items()) {
          any |= value(list.element(), item, top);
        }
        return any;
      }
      if (type instanceof Type.Call call
          && value instanceof Ast.CallValue c
          && c.function().text().equals(call.function())) {
        boolean any = false;
        for (int i = 0; i < Math.min(call.arguments().size(), c.arguments().size()); i++) {
          any |= value(call.arguments().get(i), c.arguments().get(i), top);
        }
        return any;
      }
      if (type instanceof Type.OneOf oneOf) {
        if (value instanceof Ast.IdentValue id
            && oneOf.options().stream()
                .anyMatch(o -> o instanceof Type.Choice ch && ch.values().contains(id.name()))) {
          return false;
        }
        for (Type option : oneOf.options()) {
          if (value(option, value, top)) {
            return true;
          }
        }
      }
      return false;
    }

    private Optional<SourceSpan> resolve(String kind, String name, Ast.Block top) {
      if (GLOBAL.contains(kind)) {
        return global(kind, name);
      }
      return findNamed(top, kind, name).map(Ast.Name::span);
    }

    private Optional<SourceSpan> global(String kind, String name) {
      return program
          .lookup(kind, name)
          .filter(n -> !n.labels().isEmpty())
          .map(n -> n.labels().get(0).span());
    }

    private void define(String kind, Ast.Name name) {
      out.add(new Occurrence(kind, name.text(), name.span(), true, Optional.empty()));
    }

    private void refer(String kind, Ast.Name name, Optional<SourceSpan> target) {
      out.add(new Occurrence(kind, name.text(), name.span(), false, target));
    }
  }

  /** A block's first label as a name, when it is a bare word or a string. */
  static Optional<Ast.Name> name(Ast.Block b) {
    if (b.labels().isEmpty()) {
      return Optional.empty();
    }
    Ast.Value first = b.labels().get(0);
    if (first instanceof Ast.IdentValue id) {
      return Optional.of(new Ast.Name(id.name(), id.span()));
    }
    if (first instanceof Ast.StringValue s) {
      return Optional.of(new Ast.Name(s.value(), s.span()));
    }
    return Optional.empty();
  }

  /** The name of a direct child block of a kind with a given name. */
  static Optional<Ast.Name> childName(Ast.Block b, String kind, String name) {
    for (Ast.Statement s : b.body()) {
      if (s instanceof Ast.Block c && c.kind().text().equals(kind)) {
        Optional<Ast.Name> n = name(c);
        if (n.isPresent() && n.get().text().equals(name)) {
          return n;
        }
      }
    }
    return Optional.empty();
  }

  /** The name of a block of a kind with a given name anywhere inside a block. */
  static Optional<Ast.Name> findNamed(Ast.Block b, String kind, String name) {
    for (Ast.Statement s : b.body()) {
      if (s instanceof Ast.Block c) {
        if (c.kind().text().equals(kind)) {
          Optional<Ast.Name> n = name(c);
          if (n.isPresent() && n.get().text().equals(name)) {
            return n;
          }
        }
        Optional<Ast.Name> deeper = findNamed(c, kind, name);
        if (deeper.isPresent()) {
          return deeper;
        }
      }
    }
    return Optional.empty();
  }

  /** The names of every block of a kind inside a block, in source order. */
  static List<String> namesOf(Ast.Block b, String kind) {
    List<String> names = new ArrayList<>();
    for (Ast.Statement s : b.body()) {
      if (s instanceof Ast.Block c) {
        if (c.kind().text().equals(kind)) {
          name(c).ifPresent(n -> names.add(n.text()));
        }
        names.addAll(namesOf(c, kind));
      }
    }
    return names;
  }
}
