package dev.applc.compiler.sema;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import java.util.Locale;

/** Reports required properties and blocks that a declaration (after {@code extends}) lacks. */
public final class Requirements {
  private Requirements() {}

  public static void check(Node node, Diagnostics diagnostics) {
    for (PropertySchema p : node.schema().properties().values()) {
      if (p.required() && !node.written().contains(p.name())) {
        Diagnostic.Builder d =
            Diagnostic.error(
                    Code.MISSING_REQUIRED,
                    node.header(),
                    "`" + describe(node) + "` has no `" + p.name() + "`")
                .label("`" + p.name() + "` missing")
                .note("`" + p.name() + "`: " + p.doc())
                .help("add `" + p.name() + " = ...`: " + p.type().describe());
        addFix(node, p.name() + " = " + example(p.type()), d);
        diagnostics.add(d);
      }
    }
    for (BlockSchema b : node.schema().blocks().values()) {
      if (b.required() && node.child(b.kind()).isEmpty()) {
        String form =
            b.kind()
                + b.labels().stream()
                    .map(l -> " " + l.name().toUpperCase(Locale.ROOT))
                    .reduce("", String::concat)
                + " { ... }";
        diagnostics.add(
            Diagnostic.error(
                    Code.MISSING_REQUIRED,
                    node.header(),
                    "`" + describe(node) + "` has no `" + b.kind() + "` block")
                .label("`" + b.kind() + "` missing")
                .note("`" + b.kind() + "`: " + b.doc())
                .help("add `" + form + "`"));
      }
    }
    for (Node child : node.children()) {
      check(child, diagnostics);
    }
  }

  /** A value of the type to start from, for the quick fix; the user edits it. */
  static String example(Type type) {
    if (type instanceof Type.OneOf o) {
      return example(o.options().get(0));
    }
    if (type instanceof Type.Choice c) {
      return c.values().get(0);
    }
    if (type instanceof Type.Size) {
      return "1G";
    }
    if (type instanceof Type.Int i) {
      return String.valueOf(Math.max(i.min(), 1));
    }
    if (type instanceof Type.Duration) {
      return "15min";
    }
    if (type instanceof Type.Bool) {
      return "on";
    }
    if (type instanceof Type.ListOf) {
      return "[]";
    }
    if (type instanceof Type.Text t && t.kind() == Type.Text.Kind.VERSION) {
      return "\"0.1.0\"";
    }
    if (type instanceof Type.Ref || type instanceof Type.Word) {
      return "NAME";
    }
    return "\"\"";
  }

  /** Inserts a line before the block's closing brace, indented one level in. */
  private static void addFix(Node node, String line, Diagnostic.Builder d) {
    String text = node.span().file().text();
    int close = text.lastIndexOf('}', node.span().end() - 1);
    if (close < node.span().start()) {
      return;
    }
    int lineStart = text.lastIndexOf('\n', close - 1) + 1;
    boolean ownLine = text.substring(lineStart, close).isBlank();
    int indent = node.header().startColumn() - 1;
    String insert =
        ownLine ? " ".repeat(indent + 2) + line + "\n" + " ".repeat(indent) : "; " + line + " ";
    int at = lineStart;
    int end = close;
    if (!ownLine) {
      // `{ a = 1 }` becomes `{ a = 1; b = 2 }`: before the blank that precedes the brace.
      at = close;
      while (at > 0 && text.charAt(at - 1) == ' ') {
        at--;
      }
      insert = "; " + line;
      end = at;
    }
    d.fix(
        "add `" + line + "`",
        new dev.applc.compiler.source.SourceSpan(node.span().file(), at, end),
        insert);
  }

  private static String describe(Node node) {
    return node.name().isEmpty() ? node.kind() : node.kind() + " " + node.name();
  }
}
