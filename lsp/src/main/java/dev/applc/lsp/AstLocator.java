package dev.applc.lsp;

import dev.applc.compiler.sema.BlockSchema;
import dev.applc.compiler.sema.Language;
import dev.applc.compiler.syntax.Ast;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the piece of syntax under the cursor, with the enclosing blocks and their schema. */
final class AstLocator {
  private AstLocator() {}

  enum Kind {
    IMPORT,
    BLOCK_KIND,
    LABEL,
    EXTENDS,
    KEY,
    VALUE
  }

  /**
   * @param path the blocks around the cursor, outermost first; the last is the one hit or the one
   *     holding the property hit
   * @param schema the schema of the last block of the path, when known
   * @param value for a value or label, the innermost value under the cursor
   */
  record Hit(
      Kind kind,
      List<Ast.Block> path,
      Optional<BlockSchema> schema,
      Optional<Ast.Import> importDecl,
      Optional<Ast.Property> property,
      Optional<Ast.Value> value,
      int labelIndex) {

    Ast.Block block() {
      return path.get(path.size() - 1);
    }
  }

  static Optional<Hit> find(Ast.SpecFile file, int offset) {
    for (Ast.Import imp : file.imports()) {
      if (Positions.touches(imp.span(), offset)) {
        return Optional.of(
            new Hit(
                Kind.IMPORT,
                List.of(),
                Optional.empty(),
                Optional.of(imp),
                Optional.empty(),
                Optional.empty(),
                0));
      }
    }
    for (Ast.Statement s : file.statements()) {
      if (s instanceof Ast.Block b && Positions.touches(b.span(), offset)) {
        Optional<Hit> hit =
            block(
                b,
                Optional.ofNullable(Language.TOP_LEVEL.get(b.kind().text())),
                List.of(b),
                offset);
        if (hit.isPresent()) {
          return hit;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Hit> block(
      Ast.Block b, Optional<BlockSchema> schema, List<Ast.Block> path, int offset) {
    if (Positions.touches(b.kind().span(), offset)) {
      return Optional.of(hit(Kind.BLOCK_KIND, path, schema, null, null, 0));
    }
    for (int i = 0; i < b.labels().size(); i++) {
      Ast.Value label = b.labels().get(i);
      if (Positions.touches(label.span(), offset)) {
        return Optional.of(hit(Kind.LABEL, path, schema, null, innermost(label, offset), i));
      }
    }
    if (b.parent().isPresent() && Positions.touches(b.parent().get().span(), offset)) {
      return Optional.of(hit(Kind.EXTENDS, path, schema, null, null, 0));
    }
    for (Ast.Statement s : b.body()) {
      if (s instanceof Ast.Property p && Positions.touches(p.span(), offset)) {
        if (Positions.touches(p.key().span(), offset)) {
          return Optional.of(hit(Kind.KEY, path, schema, p, null, 0));
        }
        if (Positions.touches(p.value().span(), offset)) {
          return Optional.of(hit(Kind.VALUE, path, schema, p, innermost(p.value(), offset), 0));
        }
      } else if (s instanceof Ast.Block c && Positions.touches(c.span(), offset)) {
        List<Ast.Block> childPath = new ArrayList<>(path);
        childPath.add(c);
        Optional<Hit> hit =
            block(c, schema.map(x -> x.blocks().get(c.kind().text())), childPath, offset);
        if (hit.isPresent()) {
          return hit;
        }
      }
    }
    return Optional.empty();
  }

  private static Ast.Value innermost(Ast.Value v, int offset) {
    if (v instanceof Ast.ListValue list) {
      for (Ast.Value item : list.items()) {
        if (Positions.touches(item.span(), offset)) {
          return innermost(item, offset);
        }
      }
    } else if (v instanceof Ast.CallValue call) {
      for (Ast.Value arg : call.arguments()) {
        if (Positions.touches(arg.span(), offset)) {
          return innermost(arg, offset);
        }
      }
    }
    return v;
  }

  private static Hit hit(
      Kind kind,
      List<Ast.Block> path,
      Optional<BlockSchema> schema,
      Ast.Property property,
      Ast.Value value,
      int label) {
    return new Hit(
        kind,
        List.copyOf(path),
        schema,
        Optional.empty(),
        Optional.ofNullable(property),
        Optional.ofNullable(value),
        label);
  }
}
