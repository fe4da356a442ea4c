package dev.applc.compiler.syntax;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.source.Limits;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceSpan;
import dev.applc.grammar.ApplianceLexer;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * Refuses nesting deeper than {@link Limits#MAX_DEPTH} before anything recursive runs.
 *
 * <p>The parser, the syntax tree builder, the formatter and the resolver all recurse once per level
 * of blocks, lists and calls, so thousands of levels overflow the stack. The check walks the
 * tokens, not the parse tree, because ANTLR's parser is itself recursive and would overflow before
 * a tree existed: every level opens with `{`, `[` or `(`, so counting the open brackets (of any
 * kind, since a call in a list in a block is three levels) bounds the depth of every tree built
 * later.
 */
final class DepthCheck {
  private DepthCheck() {}

  /** Whether the tokens nest at most {@link Limits#MAX_DEPTH} deep; reports APL0009 if not. */
  static boolean within(SourceFile file, List<Token> tokens, Diagnostics diagnostics) {
    int depth = 0;
    Token outermost = null;
    for (Token t : tokens) {
      switch (t.getType()) {
        case ApplianceLexer.LBRACE, ApplianceLexer.LBRACK, ApplianceLexer.LPAREN -> {
          if (depth == 0) {
            outermost = t;
          }
          depth++;
          if (depth > Limits.MAX_DEPTH) {
            report(file, t, outermost, diagnostics);
            return false;
          }
        }
        case ApplianceLexer.RBRACE, ApplianceLexer.RBRACK, ApplianceLexer.RPAREN ->
            depth = Math.max(0, depth - 1);
        default -> {}
      }
    }
    return true;
  }

  private static void report(SourceFile file, Token deep, Token outermost, Diagnostics out) {
    out.add(
        Diagnostic.error(
                Code.NESTING_TOO_DEEP,
                span(file, deep),
                "blocks, lists and calls nest more than " + Limits.MAX_DEPTH + " levels deep")
            .label("level " + (Limits.MAX_DEPTH + 1) + " opens here")
            .related(span(file, outermost), "the outermost level opens here")
            .note("applc reads nothing else of a file nested this deep")
            .help(
                "flatten the spec: declare a nested layout or block at the top level and refer"
                    + " to it by name, or use `extends`"));
  }

  /**
   * APL0009 for a file whose syntax errors leave so many blocks open that the parser cannot follow
   * them: the syntax errors before it say where to start.
   */
  static Diagnostic openedBySyntaxErrors(SourceFile file) {
    return Diagnostic.error(
            Code.NESTING_TOO_DEEP,
            SourceSpan.at(file, 0),
            "the syntax errors in `" + file.name() + "` leave blocks open too deep to read on")
        .label("not read past its syntax errors")
        .note("applc reads nothing else of a file nested this deep")
        .help("fix the first syntax errors: a value missing before `}` leaves its block open")
        .build();
  }

  private static SourceSpan span(SourceFile file, Token t) {
    int start = Math.min(t.getStartIndex(), file.text().length());
    return new SourceSpan(file, start, Math.min(file.text().length(), start + 1));
  }
}
