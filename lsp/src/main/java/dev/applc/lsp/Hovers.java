package dev.applc.lsp;

import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.sema.BlockSchema;
import dev.applc.compiler.sema.PropertySchema;
import dev.applc.compiler.source.SourceSpan;
import dev.applc.compiler.syntax.Ast;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;

/**
 * Hover: the documentation of the block, label or property under the cursor (from the language
 * schema), where a reference is declared, and for a partition what the compiler computed: its size,
 * offset, label, type GUID and device path, for each slot's copy and each derived verity partition.
 */
final class Hovers {
  private Hovers() {}

  static Optional<Hover> hover(Analysis analysis, int offset) {
    Optional<AstLocator.Hit> found = AstLocator.find(analysis.syntax(), offset);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    AstLocator.Hit hit = found.get();
    String text =
        switch (hit.kind()) {
          case IMPORT -> importDoc(analysis, hit.importDecl().orElseThrow());
          case BLOCK_KIND -> hit.schema().map(Docs::block).orElse("");
          case LABEL -> label(analysis, hit);
          case EXTENDS ->
              hit.schema()
                  .flatMap(BlockSchema::extendsKind)
                  .map(k -> "Extends the `" + k + "` " + declaredAt(analysis, offset))
                  .orElse("");
          case KEY, VALUE -> property(analysis, hit, offset);
        };
    if (text.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new Hover(new MarkupContent(MarkupKind.MARKDOWN, text.strip())));
  }

  private static String property(Analysis analysis, AstLocator.Hit hit, int offset) {
    Ast.Property p = hit.property().orElseThrow();
    Optional<PropertySchema> schema = hit.schema().map(s -> s.properties().get(p.key().text()));
    if (schema.isEmpty()) {
      return "";
    }
    String doc = Docs.property(schema.get(), hit.block().kind().text());
    if (hit.kind() == AstLocator.Kind.VALUE) {
      String declared = declaredAt(analysis, offset);
      if (!declared.isEmpty()) {
        doc +=
            "\n\n`"
                + analysis.symbols().at(analysis.source().name(), offset).orElseThrow().name()
                + "` "
                + declared;
      }
    }
    return doc;
  }

  /** "declared at FILE:LINE" for a reference under the cursor, or empty. */
  private static String declaredAt(Analysis analysis, int offset) {
    return analysis
        .symbols()
        .at(analysis.source().name(), offset)
        .filter(o -> !o.definition())
        .flatMap(o -> analysis.symbols().declaration(o))
        .map(s -> "declared at `" + shortName(s) + ":" + s.startLine() + "`")
        .orElse("");
  }

  private static String shortName(SourceSpan span) {
    String name = span.file().name();
    int slash = name.lastIndexOf('/');
    return name.startsWith("/") && slash >= 0 ? name.substring(slash + 1) : name;
  }

  private static String label(Analysis analysis, AstLocator.Hit hit) {
    if (hit.schema().isEmpty() || hit.labelIndex() >= hit.schema().get().labels().size()) {
      return "";
    }
    BlockSchema schema = hit.schema().get();
    String doc = Docs.label(schema.labels().get(hit.labelIndex()), schema);
    Ast.Block block = hit.block();
    if (schema.kind().equals("partition") && hit.labelIndex() == 0) {
      Optional<Ast.Name> name = SymbolIndex.name(block);
      if (name.isPresent()) {
        return "`partition "
            + name.get().text()
            + "`: "
            + schema.doc()
            + "\n\n"
            + partitionFacts(analysis, block, name.get().text());
      }
    }
    return doc;
  }

  private static String partitionFacts(Analysis analysis, Ast.Block block, String name) {
    List<Appliance> appliances =
        analysis.result().value().map(Compilation::appliances).orElse(List.of());
    for (Appliance a : appliances) {
      SourceSpan span = a.origin().span();
      if (!span.file().name().equals(analysis.source().name())
          || span.start() > block.span().start()
          || span.end() < block.span().end()) {
        continue;
      }
      List<Partition> copies =
          a.disk().partitions().stream()
              .filter(p -> p.name().equals(name) && p.derivedFrom().isEmpty())
              .toList();
      if (copies.isEmpty()) {
        return "";
      }
      StringBuilder out = new StringBuilder();
      for (Partition copy : copies) {
        facts(out, copy, copy.slot().map(s -> "slot " + s).orElse(""));
        for (Partition derived : a.disk().partitions()) {
          if (derived.derivedFrom().equals(Optional.of(copy.id()))) {
            String what =
                derived.type().kind().isVeritySignature()
                    ? "verity signature of `" + copy.id() + "`"
                    : "verity hash of `" + copy.id() + "`";
            facts(out, derived, what);
          }
        }
      }
      return out.toString();
    }
    return "_Sizes and offsets are computed where an appliance uses this disk; none does in this"
        + " file._";
  }

  private static void facts(StringBuilder out, Partition p, String what) {
    out.append("**").append(p.id()).append("**");
    if (!what.isEmpty()) {
      out.append(" (").append(what).append(')');
    }
    out.append('\n');
    out.append("- size: ");
    if (p.size().grow()) {
      out.append("grows, ")
          .append(Sizes.human(p.allocated()))
          .append(" on this image (at least ")
          .append(Sizes.human(p.size().bytes()))
          .append(")\n");
    } else {
      out.append(Sizes.human(p.allocated())).append('\n');
    }
    out.append("- offset: ")
        .append(Sizes.human(p.offset()))
        .append(" (")
        .append(p.offset())
        .append(" bytes)\n");
    out.append("- label: `").append(p.label()).append("`\n");
    out.append("- type: `")
        .append(p.type().id())
        .append("`, GUID `")
        .append(p.typeGuid())
        .append("`\n");
    out.append("- device: `").append(p.devicePath()).append("`\n\n");
  }

  private static String importDoc(Analysis analysis, Ast.Import imp) {
    String target = dev.applc.compiler.sema.Loader.resolve(analysis.source().name(), imp);
    StringBuilder out = new StringBuilder("`" + target + "`");
    analysis
        .program()
        .flatMap(p -> p.files().stream().filter(f -> f.source().name().equals(target)).findFirst())
        .ifPresent(
            f -> {
              StringBuilder intro = new StringBuilder();
              for (Ast.Comment c : f.comments()) {
                if (!f.statements().isEmpty()
                    && c.span().start() > f.statements().get(0).span().start()) {
                  break;
                }
                intro.append(c.text().replaceFirst("^#\\s?", "")).append('\n');
              }
              if (intro.length() > 0) {
                out.append("\n\n").append(intro.toString().strip());
              }
            });
    return out.toString();
  }
}
