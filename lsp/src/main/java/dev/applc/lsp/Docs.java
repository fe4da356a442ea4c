package dev.applc.lsp;

import dev.applc.compiler.sema.BlockSchema;
import dev.applc.compiler.sema.LabelSchema;
import dev.applc.compiler.sema.Language;
import dev.applc.compiler.sema.PropertySchema;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Documentation of the language for hover and completion, in Markdown, from {@link Language}: the
 * same source the language reference describes.
 */
final class Docs {
  private Docs() {}

  static String property(PropertySchema p, String blockKind) {
    StringBuilder out = new StringBuilder();
    out.append("`").append(p.name()).append("` in `").append(blockKind).append("`: ");
    out.append(p.type().describe());
    if (p.required()) {
      out.append(" (required)");
    }
    out.append("\n\n").append(p.doc());
    if (!p.defaultText().isEmpty()) {
      out.append("\n\nDefault: ").append(p.defaultText()).append('.');
    }
    return out.toString();
  }

  static String block(BlockSchema b) {
    StringBuilder out = new StringBuilder();
    out.append("`").append(form(b)).append("`\n\n").append(b.doc());
    for (LabelSchema l : b.labels()) {
      out.append("\n\n`")
          .append(l.name().toUpperCase(Locale.ROOT))
          .append("`: ")
          .append(l.doc())
          .append(" (")
          .append(l.type().describe())
          .append(')');
    }
    b.extendsKind().ifPresent(k -> out.append("\n\nMay extend a `").append(k).append("`."));
    return out.toString();
  }

  static String label(LabelSchema l, BlockSchema b) {
    return "`"
        + l.name().toUpperCase(Locale.ROOT)
        + "` of `"
        + b.kind()
        + "`: "
        + l.type().describe()
        + "\n\n"
        + l.doc();
  }

  /** How a block is written: {@code partition NAME { ... }}. */
  static String form(BlockSchema b) {
    StringBuilder out = new StringBuilder(b.kind());
    for (LabelSchema l : b.labels()) {
      out.append(' ').append(l.name().toUpperCase(Locale.ROOT));
    }
    b.extendsKind()
        .ifPresent(k -> out.append(" [extends ").append(k.toUpperCase(Locale.ROOT)).append(']'));
    return out.append(" { ... }").toString();
  }

  /** The schema of the innermost block of a path of kinds; empty at the top level or if unknown. */
  static Optional<BlockSchema> schema(List<String> kinds) {
    if (kinds.isEmpty()) {
      return Optional.empty();
    }
    BlockSchema s = Language.TOP_LEVEL.get(kinds.get(0));
    for (int i = 1; i < kinds.size() && s != null; i++) {
      s = s.blocks().get(kinds.get(i));
    }
    return Optional.ofNullable(s);
  }

  /** The blocks that may appear inside a path of kinds (the top-level ones for an empty path). */
  static Map<String, BlockSchema> blocks(List<String> kinds) {
    if (kinds.isEmpty()) {
      return Language.TOP_LEVEL;
    }
    return schema(kinds).map(BlockSchema::blocks).orElse(Map.of());
  }
}
