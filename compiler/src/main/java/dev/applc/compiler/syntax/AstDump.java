package dev.applc.compiler.syntax;

/**
 * The structure of a tree as S-expression text, without spans: two trees that dump the same say the
 * same thing, wherever their parts stand in the source. Round-trip tests compare dumps.
 *
 * <p>Comments are listed at the end in source order, without trailing blanks (which the formatter
 * drops).
 */
public final class AstDump {
  private final StringBuilder out = new StringBuilder();

  private AstDump() {}

  public static String dump(Ast.SpecFile file) {
    AstDump d = new AstDump();
    d.file(file);
    return d.out.toString();
  }

  /** One value on one line, such as {@code (list (ident a) (number "512" "M"))}. */
  public static String dump(Ast.Value value) {
    AstDump d = new AstDump();
    d.value(value);
    return d.out.toString();
  }

  private void file(Ast.SpecFile file) {
    out.append("(file");
    file.header().ifPresent(h -> line(1).append("(header ").append(quote(h.version())).append(')'));
    for (Ast.Import i : file.imports()) {
      line(1)
          .append(i.standardLibrary() ? "(import-std " : "(import ")
          .append(quote(i.target()))
          .append(')');
    }
    for (Ast.Statement s : file.statements()) {
      statement(s, 1);
    }
    for (Ast.Comment c : file.comments()) {
      line(1).append("(comment ").append(quote(c.text().stripTrailing())).append(')');
    }
    out.append(")\n");
  }

  private void statement(Ast.Statement s, int depth) {
    if (s instanceof Ast.Property p) {
      line(depth).append("(property ").append(p.key().text()).append(' ');
      value(p.value());
      out.append(')');
    } else if (s instanceof Ast.Block b) {
      line(depth).append("(block ").append(b.kind().text());
      for (Ast.Value label : b.labels()) {
        out.append(' ');
        value(label);
      }
      b.parent().ifPresent(p -> out.append(" (extends ").append(p.text()).append(')'));
      for (Ast.Statement inner : b.body()) {
        statement(inner, depth + 1);
      }
      out.append(')');
    }
  }

  private void value(Ast.Value v) {
    if (v instanceof Ast.StringValue s) {
      out.append("(string ").append(quote(s.value())).append(')');
    } else if (v instanceof Ast.TextValue t) {
      out.append("(text ").append(quote(t.value())).append(')');
    } else if (v instanceof Ast.NumberValue n) {
      out.append("(number ").append(quote(n.digits())).append(' ').append(quote(n.unit()));
      out.append(')');
    } else if (v instanceof Ast.HexValue h) {
      out.append("(hex ").append(h.text()).append(')');
    } else if (v instanceof Ast.IdentValue i) {
      out.append("(ident ").append(i.name()).append(')');
    } else if (v instanceof Ast.CallValue c) {
      out.append("(call ").append(c.function().text());
      for (Ast.Value a : c.arguments()) {
        out.append(' ');
        value(a);
      }
      out.append(')');
    } else if (v instanceof Ast.ListValue l) {
      out.append("(list");
      for (Ast.Value item : l.items()) {
        out.append(' ');
        value(item);
      }
      out.append(')');
    }
  }

  private StringBuilder line(int depth) {
    return out.append('\n').append("  ".repeat(depth));
  }

  /** A Java-style string literal, so that every character shows. */
  private static String quote(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\r' -> q.append("\\r");
        case '\t' -> q.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            q.append(String.format("\\u%04x", (int) c));
          } else {
            q.append(c);
          }
        }
      }
    }
    return q.append('"').toString();
  }
}
