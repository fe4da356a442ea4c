package dev.applc.compiler.syntax;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceSpan;
import dev.applc.grammar.ApplianceLexer;
import dev.applc.grammar.ApplianceParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns ANTLR's syntax errors into diagnostics that say, in the language's own words, what was
 * expected where ("expected `=` or `{` after `partition`"), not a list of token names.
 *
 * <p>One error per line is kept: after the first, ANTLR's recovery tends to produce echoes that
 * only distract.
 */
final class SyntaxErrorListener extends BaseErrorListener {
  private static final int MAX_ERRORS = 25;

  private final SourceFile file;
  private final Diagnostics diagnostics;
  private final Set<Integer> linesWithErrors = new HashSet<>();
  private int count;

  SyntaxErrorListener(SourceFile file, Diagnostics diagnostics) {
    this.file = file;
    this.diagnostics = diagnostics;
  }

  @Override
  public void syntaxError(
      Recognizer<?, ?> recognizer,
      Object offendingSymbol,
      int line,
      int charPositionInLine,
      String msg,
      RecognitionException e) {
    if (!(recognizer instanceof Parser parser) || !(offendingSymbol instanceof Token token)) {
      return; // The lexer has a catch-all token, so it never reports errors itself.
    }
    SourceSpan span = spanOf(token);
    if (count >= MAX_ERRORS || !linesWithErrors.add(span.startLine())) {
      return;
    }
    count++;
    Diagnostic.Builder d = describe(parser, token, span, e);
    diagnostics.add(d);
  }

  private Diagnostic.Builder describe(
      Parser parser, Token token, SourceSpan span, RecognitionException e) {
    switch (token.getType()) {
      case ApplianceLexer.UNTERMINATED_STRING -> {
        return Diagnostic.error(Code.SYNTAX, span, "this string is not closed")
            .label("no closing `\"` on this line")
            .help(
                "close the string with `\"` on the same line; for text over several lines use"
                    + " `\"\"\"` ... `\"\"\"`");
      }
      case ApplianceLexer.UNTERMINATED_TEXT -> {
        return Diagnostic.error(Code.SYNTAX, span, "this text block is not closed")
            .label("no closing `\"\"\"` before the end of the file")
            .help("end the text block with `\"\"\"`");
      }
      case ApplianceLexer.BAD_CHAR -> {
        return Diagnostic.error(
                Code.SYNTAX,
                span,
                token.getText().equals("`")
                    ? "unexpected backtick"
                    : "unexpected character `" + token.getText() + "`")
            .label("not part of the language")
            .help("names use letters, digits, `_`, `-`, `.` and `@`; put other text in quotes");
      }
      default -> {}
    }
    ParserRuleContext ctx = parser.getContext();
    IntervalSet expected;
    try {
      expected = parser.getExpectedTokens();
    } catch (IllegalArgumentException ex) {
      expected = new IntervalSet();
    }
    String expectation = expectation(ctx, expected);
    Token previous = parser.getTokenStream().LT(-1);
    if (e instanceof org.antlr.v4.runtime.NoViableAltException nv
        && nv.getStartToken().getType() == ApplianceParser.IDENT
        && nv.getStartToken() != token) {
      // `partition 12 {}`: a name that starts neither a property nor a block.
      expectation = "`=`, a label or `{` after `" + nv.getStartToken().getText() + "`";
    } else if (ctx instanceof ApplianceParser.BlockContext
        && expected.contains(ApplianceParser.LBRACE)
        && expected.contains(ApplianceParser.IDENT)) {
      expectation = "a label, `extends` or `{`";
    } else if (inList(ctx) && previous != null && previous.getType() == ApplianceParser.COMMA) {
      expectation = "a value or `]`";
    }
    Diagnostic.Builder d =
        Diagnostic.error(Code.SYNTAX, span, "expected " + expectation + ", found " + found(token))
            .label("expected " + expectation + " here");
    ParserRuleContext open = enclosingBlock(ctx);
    if (open != null && expected.contains(ApplianceParser.RBRACE)) {
      SourceSpan start = spanOf(open.getStart());
      d.related(start, "this block is not closed");
    }
    d.help(help(ctx, expected, token));
    return d;
  }

  private static boolean inList(ParserRuleContext ctx) {
    for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
      if (c instanceof ApplianceParser.ListContext) {
        return true;
      }
    }
    return false;
  }

  private static ParserRuleContext enclosingBlock(ParserRuleContext ctx) {
    for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
      if (c instanceof ApplianceParser.BlockContext) {
        return c;
      }
    }
    return null;
  }

  private static String expectation(ParserRuleContext ctx, IntervalSet expected) {
    List<String> parts = new ArrayList<>();
    boolean value =
        expected.contains(ApplianceParser.STRING)
            && expected.contains(ApplianceParser.NUMBER)
            && expected.contains(ApplianceParser.LBRACK);
    boolean statement =
        expected.contains(ApplianceParser.IDENT)
            && (ctx instanceof ApplianceParser.FileContext
                || ctx instanceof ApplianceParser.BlockContext
                || ctx instanceof ApplianceParser.StatementContext);
    if (value) {
      parts.add("a value (a string, number, name or list)");
    } else if (statement) {
      parts.add(
          ctx instanceof ApplianceParser.FileContext
              ? "a declaration such as `appliance NAME { ... }`"
              : "a property (`name = value`) or a block (`name { ... }`)");
    } else if (expected.contains(ApplianceParser.IDENT)) {
      parts.add("a name");
    }
    if (!value && expected.contains(ApplianceParser.STRING) && !statement) {
      parts.add("a string");
    }
    if (expected.contains(ApplianceParser.STD_PATH)) {
      parts.add("`std:...`");
    }
    if (!value && expected.contains(ApplianceParser.NUMBER)) {
      parts.add("a number");
    }
    addToken(parts, expected, ApplianceParser.ASSIGN, "`=`");
    addToken(parts, expected, ApplianceParser.LBRACE, "`{`");
    addToken(parts, expected, ApplianceParser.COMMA, "`,`");
    addToken(parts, expected, ApplianceParser.RBRACK, "`]`");
    addToken(parts, expected, ApplianceParser.RPAREN, "`)`");
    addToken(parts, expected, ApplianceParser.RBRACE, "`}`");
    if (parts.isEmpty() && expected.contains(Token.EOF)) {
      parts.add("the end of the file");
    }
    if (parts.isEmpty()) {
      return "something else";
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return String.join(", ", parts.subList(0, parts.size() - 1))
        + " or "
        + parts.get(parts.size() - 1);
  }

  private static void addToken(List<String> parts, IntervalSet expected, int type, String name) {
    if (expected.contains(type)) {
      parts.add(name);
    }
  }

  private static String help(ParserRuleContext ctx, IntervalSet expected, Token token) {
    if (ctx instanceof ApplianceParser.HeaderContext) {
      return "start the file with the language version, for example `applc 1`";
    }
    if (ctx instanceof ApplianceParser.ImportDeclContext) {
      return "import the standard library as `import std:boards/rpi4`, or a local file as"
          + " `import \"path/to/file.appliance\"`";
    }
    if (ctx instanceof ApplianceParser.ListContext) {
      return "separate list items with `,` and close the list with `]`";
    }
    if (ctx instanceof ApplianceParser.PropertyContext
        || ctx instanceof ApplianceParser.ValueContext) {
      return "write a property as `name = value`; put text with spaces or special characters in"
          + " quotes";
    }
    if (token.getType() == Token.EOF && expected.contains(ApplianceParser.RBRACE)) {
      return "add the missing `}`";
    }
    if (token.getType() == ApplianceParser.RBRACE) {
      return "remove the extra `}` or open the block it closes";
    }
    return "a block is `kind [name] { ... }` and a property is `name = value`";
  }

  private static String found(Token token) {
    return switch (token.getType()) {
      case Token.EOF -> "the end of the file";
      case ApplianceParser.STRING -> "the string " + token.getText();
      case ApplianceParser.TEXT -> "a text block";
      case ApplianceParser.NUMBER, ApplianceParser.HEX -> "the number `" + token.getText() + "`";
      case ApplianceParser.IDENT -> "the name `" + token.getText() + "`";
      default -> "`" + token.getText() + "`";
    };
  }

  private SourceSpan spanOf(Token token) {
    if (token.getType() == Token.EOF || token.getStartIndex() < 0) {
      // Point just past the last real text: the empty last line would show nothing.
      String text = file.text();
      int end = text.length();
      while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
        end--;
      }
      return new SourceSpan(file, end, end);
    }
    int stop = Math.min(file.text().length(), token.getStopIndex() + 1);
    int start = Math.min(token.getStartIndex(), stop);
    return new SourceSpan(file, start, stop);
  }
}
