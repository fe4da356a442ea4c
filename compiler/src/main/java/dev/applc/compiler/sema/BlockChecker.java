package dev.applc.compiler.sema;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.diag.Words;
import dev.applc.compiler.source.SourceSpan;
import dev.applc.compiler.syntax.Ast;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a block of syntax against its schema: known properties and blocks, labels, value types,
 * duplicates. Required settings are checked later, after {@code extends} has merged in what a
 * parent provides.
 */
public final class BlockChecker {
  private final Diagnostics diagnostics;
  private final ValueChecker values;

  public BlockChecker(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
    this.values = new ValueChecker(diagnostics);
  }

  public Node check(Ast.Block block, BlockSchema schema) {
    List<Val> labels = labels(block, schema);
    Optional<Val.Sym> parent = Optional.empty();
    if (block.parent().isPresent()) {
      Ast.Name p = block.parent().get();
      if (schema.extendsKind().isEmpty()) {
        diagnostics.add(
            Diagnostic.error(
                    Code.BAD_EXTENDS,
                    p.span(),
                    Words.withArticle("`" + schema.kind() + "`") + " cannot extend" + " anything")
                .label("`extends` not allowed here")
                .help("only `board`, `layout` and `disk` blocks use `extends`"));
      } else {
        parent = Optional.of(new Val.Sym(p.text(), p.span()));
      }
    }
    Map<String, Node.Prop> props = new LinkedHashMap<>();
    List<Node> children = new ArrayList<>();
    Map<String, SourceSpan> seenBlocks = new HashMap<>();
    for (Ast.Statement statement : block.body()) {
      if (statement instanceof Ast.Property p) {
        property(p, schema, props);
      } else if (statement instanceof Ast.Block b) {
        child(b, schema, seenBlocks).ifPresent(children::add);
      }
    }
    SourceSpan header = headerSpan(block);
    java.util.Set<String> written = new java.util.HashSet<>();
    for (Ast.Statement statement : block.body()) {
      if (statement instanceof Ast.Property p) {
        written.add(p.key().text());
      }
    }
    return new Node(schema, labels, props, children, parent, written, header, block.span());
  }

  /** The kind and labels of a block, where messages about the block as a whole point. */
  static SourceSpan headerSpan(Ast.Block block) {
    SourceSpan end = block.kind().span();
    if (!block.labels().isEmpty()) {
      end = block.labels().get(block.labels().size() - 1).span();
    }
    return block.kind().span().to(end);
  }

  private List<Val> labels(Ast.Block block, BlockSchema schema) {
    List<LabelSchema> expected = schema.labels();
    List<Ast.Value> written = block.labels();
    if (written.size() != expected.size()) {
      String form =
          schema.kind()
              + expected.stream()
                  .map(l -> " " + l.name().toUpperCase(java.util.Locale.ROOT))
                  .reduce("", String::concat)
              + " { ... }";
      SourceSpan at =
          written.size() > expected.size()
              ? written.get(expected.size()).span().to(written.get(written.size() - 1).span())
              : headerSpan(block);
      String message =
          expected.isEmpty()
              ? Words.withArticle("`" + schema.kind() + "`") + " block takes no name"
              : written.size() < expected.size()
                  ? Words.withArticle("`" + schema.kind() + "`")
                      + " block needs its "
                      + String.join(" and ", expected.stream().map(LabelSchema::name).toList())
                  : Words.withArticle("`" + schema.kind() + "`")
                      + " block has "
                      + expected.size()
                      + " label"
                      + (expected.size() == 1 ? "" : "s")
                      + ", not "
                      + written.size();
      diagnostics.add(
          Diagnostic.error(Code.BAD_LABELS, at, message)
              .label(written.size() > expected.size() ? "unexpected" : "incomplete")
              .help("write it as `" + form + "`"));
    }
    List<Val> out = new ArrayList<>();
    for (int i = 0; i < Math.min(written.size(), expected.size()); i++) {
      LabelSchema l = expected.get(i);
      values.check(l.type(), written.get(i), "the " + l.name()).ifPresent(out::add);
    }
    return out;
  }

  private void property(Ast.Property p, BlockSchema schema, Map<String, Node.Prop> props) {
    String key = p.key().text();
    PropertySchema prop = schema.properties().get(key);
    if (prop == null) {
      unknownProperty(p, schema);
      return;
    }
    Node.Prop earlier = props.get(key);
    if (earlier != null) {
      diagnostics.add(
          Diagnostic.error(
                  Code.DUPLICATE_PROPERTY,
                  p.key().span(),
                  "`" + key + "` is set twice in this `" + schema.kind() + "`")
              .label("set again here")
              .related(earlier.keySpan(), "first set here")
              .help("remove one of the two settings"));
      return;
    }
    values
        .check(prop.type(), p.value(), "`" + key + "`")
        .ifPresent(v -> props.put(key, new Node.Prop(key, v, p.key().span(), p.span())));
  }

  private void unknownProperty(Ast.Property p, BlockSchema schema) {
    String key = p.key().text();
    if (schema.blocks().containsKey(key)) {
      BlockSchema child = schema.blocks().get(key);
      diagnostics.add(
          Diagnostic.error(
                  Code.UNKNOWN_PROPERTY,
                  p.key().span(),
                  "`" + key + "` is a block, not a" + " property")
              .label("written as a property")
              .help(
                  "write it as `"
                      + key
                      + child.labels().stream()
                          .map(l -> " " + l.name().toUpperCase(java.util.Locale.ROOT))
                          .reduce("", String::concat)
                      + " { ... }`"));
      return;
    }
    Diagnostic.Builder d =
        Diagnostic.error(
                Code.UNKNOWN_PROPERTY,
                p.key().span(),
                "unknown property `" + key + "` in `" + schema.kind() + "`")
            .label("not a property of `" + schema.kind() + "`");
    Optional<String> near = Suggest.closest(key, schema.properties().keySet());
    if (near.isPresent()) {
      d.help("did you mean `" + near.get() + "`?")
          .fix("use `" + near.get() + "`", p.key().span(), near.get());
    } else {
      d.help(
          "the properties of `"
              + schema.kind()
              + "` are "
              + String.join(
                  ", ", schema.properties().keySet().stream().map(k -> "`" + k + "`").toList()));
    }
    diagnostics.add(d);
  }

  private Optional<Node> child(Ast.Block b, BlockSchema schema, Map<String, SourceSpan> seen) {
    String kind = b.kind().text();
    BlockSchema childSchema = schema.blocks().get(kind);
    if (childSchema == null) {
      unknownBlock(
          b, schema.kind(), schema.blocks().keySet(), schema.properties().containsKey(kind));
      return Optional.empty();
    }
    Node node = check(b, childSchema);
    if (childSchema.repeatable() && node.name().isEmpty()) {
      return Optional.of(node); // Its name was wrong and has been reported.
    }
    SourceSpan earlier = seen.putIfAbsent(node.identity(), headerSpan(b));
    if (earlier != null) {
      String what =
          childSchema.repeatable() ? "`" + kind + " " + node.name() + "`" : "`" + kind + "`";
      diagnostics.add(
          Diagnostic.error(Code.DUPLICATE_NAME, headerSpan(b), what + " is defined twice")
              .label("defined again here")
              .related(earlier, "first defined here")
              .help(
                  childSchema.repeatable()
                      ? "give each `" + kind + "` its own name"
                      : "merge the two `" + kind + "` blocks into one"));
      return Optional.empty();
    }
    return Optional.of(node);
  }

  /** Reports a block kind that does not exist here; also used for the top level of a file. */
  public void unknownBlock(
      Ast.Block b, String parentKind, java.util.Collection<String> known, boolean isProperty) {
    String kind = b.kind().text();
    if (isProperty) {
      diagnostics.add(
          Diagnostic.error(
                  Code.UNKNOWN_BLOCK,
                  b.kind().span(),
                  "`" + kind + "` is a property, not" + " a block")
              .label("written as a block")
              .help("write it as `" + kind + " = value`"));
      return;
    }
    String where = parentKind.isEmpty() ? "at the top of a file" : "in `" + parentKind + "`";
    Diagnostic.Builder d =
        Diagnostic.error(
                Code.UNKNOWN_BLOCK, b.kind().span(), "unknown block `" + kind + "` " + where)
            .label("not a block " + (parentKind.isEmpty() ? "here" : "of `" + parentKind + "`"));
    Optional<String> near = Suggest.closest(kind, known);
    if (near.isPresent()) {
      d.help("did you mean `" + near.get() + "`?")
          .fix("use `" + near.get() + "`", b.kind().span(), near.get());
    } else {
      d.help(
          "the blocks allowed "
              + where
              + " are "
              + String.join(", ", known.stream().map(k -> "`" + k + "`").toList()));
    }
    diagnostics.add(d);
  }
}
