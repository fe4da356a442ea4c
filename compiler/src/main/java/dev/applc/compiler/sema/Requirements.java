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
        diagnostics.add(
            Diagnostic.error(
                    Code.MISSING_REQUIRED,
                    node.header(),
                    "`" + describe(node) + "` has no `" + p.name() + "`")
                .label("`" + p.name() + "` missing")
                .note("`" + p.name() + "`: " + p.doc())
                .help("add `" + p.name() + " = ...`: " + p.type().describe()));
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

  private static String describe(Node node) {
    return node.name().isEmpty() ? node.kind() : node.kind() + " " + node.name();
  }
}
