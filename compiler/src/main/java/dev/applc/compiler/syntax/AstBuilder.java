package dev.applc.compiler.syntax;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceSpan;
import dev.applc.grammar.ApplianceLexer;
import dev.applc.grammar.ApplianceParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Builds the {@link Ast} from ANTLR's parse tree. The tree may be partial after syntax errors: any
 * piece that is missing is skipped rather than guessed.
 */
final class AstBuilder {
  private final SourceFile file;
  private final CommonTokenStream tokens;
  private final Diagnostics diagnostics;

  AstBuilder(SourceFile file, CommonTokenStream tokens, Diagnostics diagnostics) {
    this.file = file;
    this.tokens = tokens;
    this.diagnostics = diagnostics;
  }

  Ast.SpecFile file(ApplianceParser.FileContext ctx) {
    Optional<Ast.Header> header = Optional.empty();
    if (ctx.header() != null && present(ctx.header().version)) {
      Token v = ctx.header().version;
      header = Optional.of(new Ast.Header(v.getText(), span(v), span(ctx.header())));
    }
    List<Ast.Import> imports = new ArrayList<>();
    for (ApplianceParser.ImportDeclContext i : ctx.importDecl()) {
      // ANTLR's recovery may label any token as the target; only these two are targets.
      if (!present(i.target)
          || (i.target.getType() != ApplianceLexer.STD_PATH
              && i.target.getType() != ApplianceLexer.STRING)) {
        continue;
      }
      boolean std = i.target.getType() == ApplianceLexer.STD_PATH;
      String target = std ? i.target.getText() : unquote(i.target);
      imports.add(new Ast.Import(target, std, span(i)));
    }
    List<Ast.Statement> statements = statements(ctx.statement());
    List<Ast.Comment> comments = new ArrayList<>();
    for (Token t : tokens.getTokens()) {
      if (t.getType() == ApplianceLexer.COMMENT) {
        comments.add(new Ast.Comment(t.getText(), span(t)));
      }
    }
    return new Ast.SpecFile(
        file, header, imports, statements, comments, new SourceSpan(file, 0, file.text().length()));
  }

  private List<Ast.Statement> statements(List<ApplianceParser.StatementContext> contexts) {
    List<Ast.Statement> out = new ArrayList<>();
    for (ApplianceParser.StatementContext s : contexts) {
      if (s.property() != null) {
        property(s.property()).ifPresent(out::add);
      } else if (s.block() != null) {
        block(s.block()).ifPresent(out::add);
      }
    }
    return out;
  }

  private Optional<Ast.Statement> property(ApplianceParser.PropertyContext ctx) {
    if (!present(ctx.key) || ctx.value() == null) {
      return Optional.empty();
    }
    return value(ctx.value())
        .map(v -> new Ast.Property(name(ctx.key), v, span(ctx.key).to(v.span())));
  }

  private Optional<Ast.Statement> block(ApplianceParser.BlockContext ctx) {
    if (!present(ctx.kind)) {
      return Optional.empty();
    }
    List<Ast.Value> labels = new ArrayList<>();
    for (ApplianceParser.LabelContext l : ctx.label()) {
      if (l.IDENT() != null && present(l.IDENT().getSymbol())) {
        labels.add(new Ast.IdentValue(l.getText(), span(l)));
      } else if (l.STRING() != null && present(l.STRING().getSymbol())) {
        labels.add(new Ast.StringValue(unquote(l.STRING().getSymbol()), span(l)));
      } else if (l.list() != null) {
        list(l.list()).ifPresent(labels::add);
      }
    }
    Optional<Ast.Name> parent = Optional.empty();
    if (ctx.extendsClause() != null && present(ctx.extendsClause().parent)) {
      parent = Optional.of(name(ctx.extendsClause().parent));
    }
    return Optional.of(
        new Ast.Block(name(ctx.kind), labels, parent, statements(ctx.statement()), span(ctx)));
  }

  private Optional<Ast.Value> value(ApplianceParser.ValueContext ctx) {
    if (ctx instanceof ApplianceParser.StringValueContext s && present(s.STRING().getSymbol())) {
      return Optional.of(new Ast.StringValue(unquote(s.STRING().getSymbol()), span(ctx)));
    }
    if (ctx instanceof ApplianceParser.TextValueContext t) {
      String raw = t.TEXT().getText();
      return Optional.of(new Ast.TextValue(text(raw.substring(3, raw.length() - 3)), span(ctx)));
    }
    if (ctx instanceof ApplianceParser.NumberValueContext n && present(n.NUMBER().getSymbol())) {
      String raw = n.NUMBER().getText();
      int i = 0;
      while (i < raw.length() && (Character.isDigit(raw.charAt(i)) || raw.charAt(i) == '.')) {
        i++;
      }
      return Optional.of(new Ast.NumberValue(raw.substring(0, i), raw.substring(i), span(ctx)));
    }
    if (ctx instanceof ApplianceParser.HexValueContext h) {
      return Optional.of(new Ast.HexValue(h.HEX().getText(), span(ctx)));
    }
    if (ctx instanceof ApplianceParser.IdentValueContext id && present(id.IDENT().getSymbol())) {
      return Optional.of(new Ast.IdentValue(id.IDENT().getText(), span(ctx)));
    }
    if (ctx instanceof ApplianceParser.CallValueContext c && present(c.fn)) {
      List<Ast.Value> args = new ArrayList<>();
      for (ApplianceParser.ValueContext a : c.value()) {
        value(a).ifPresent(args::add);
      }
      return Optional.of(new Ast.CallValue(name(c.fn), args, span(ctx)));
    }
    if (ctx instanceof ApplianceParser.ListValueContext l) {
      return list(l.list()).map(v -> v);
    }
    return Optional.empty();
  }

  private Optional<Ast.ListValue> list(ApplianceParser.ListContext ctx) {
    if (ctx == null) {
      return Optional.empty();
    }
    List<Ast.Value> items = new ArrayList<>();
    for (ApplianceParser.ValueContext v : ctx.value()) {
      value(v).ifPresent(items::add);
    }
    return Optional.of(new Ast.ListValue(items, span(ctx)));
  }

  /**
   * Text blocks: a leading newline right after the opening quotes is dropped and the common
   * indentation of the lines is removed, so text can be indented with the spec.
   */
  static String text(String raw) {
    String body = raw;
    if (body.startsWith("\r\n")) {
      body = body.substring(2);
    } else if (body.startsWith("\n")) {
      body = body.substring(1);
    }
    String[] lines = body.split("\n", -1);
    int indent = Integer.MAX_VALUE;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      boolean last = i == lines.length - 1;
      if (line.isBlank() && !last) {
        continue;
      }
      int n = 0;
      while (n < line.length() && (line.charAt(n) == ' ' || line.charAt(n) == '\t')) {
        n++;
      }
      indent = Math.min(indent, n);
    }
    if (indent == Integer.MAX_VALUE) {
      indent = 0;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      boolean last = i == lines.length - 1;
      if (last && line.isBlank()) {
        break; // the closing quotes' own line
      }
      out.append(line.length() >= indent ? line.substring(indent) : line.strip());
      if (!last) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  private String unquote(Token token) {
    String raw = token.getText();
    String body = raw.length() >= 2 ? raw.substring(1, raw.length() - 1) : "";
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\\' || i + 1 >= body.length()) {
        out.append(c);
        continue;
      }
      char e = body.charAt(++i);
      switch (e) {
        case '"' -> out.append('"');
        case '\\' -> out.append('\\');
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        default -> {
          int at = token.getStartIndex() + 1 + i - 1;
          diagnostics.add(
              Diagnostic.error(
                      Code.SYNTAX,
                      new SourceSpan(file, at, at + 2),
                      "unknown escape `\\" + e + "` in a string")
                  .label("not an escape")
                  .help(
                      "the escapes are `\\\"`, `\\\\`, `\\n` and `\\t`; write `\\\\` for a"
                          + " backslash"));
          out.append(e);
        }
      }
    }
    return out.toString();
  }

  private Ast.Name name(Token token) {
    return new Ast.Name(token.getText(), span(token));
  }

  private static boolean present(Token token) {
    // ANTLR's recovery conjures tokens with no position for what it expected but did not see.
    return token != null && token.getStartIndex() >= 0 && token.getTokenIndex() >= 0;
  }

  private SourceSpan span(Token token) {
    return new SourceSpan(file, token.getStartIndex(), token.getStopIndex() + 1);
  }

  private SourceSpan span(ParserRuleContext ctx) {
    Token start = ctx.getStart();
    Token stop = ctx.getStop();
    int from = start.getStartIndex();
    int to = stop == null || stop.getStopIndex() < from ? from : stop.getStopIndex() + 1;
    if (stop != null && stop.getType() == Token.EOF) {
      to = Math.max(from, stop.getStartIndex());
    }
    return new SourceSpan(file, Math.max(0, from), Math.max(Math.max(0, from), to));
  }
}
