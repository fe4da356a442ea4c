package dev.applc.compiler.syntax;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.source.Limits;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceSpan;
import dev.applc.grammar.ApplianceLexer;
import dev.applc.grammar.ApplianceParser;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;

/**
 * Parses one spec file into an {@link Ast.SpecFile}. Always returns a tree: on syntax errors the
 * parser recovers and the tree holds what could be read, so editors still get an outline and the
 * checker still finds other problems.
 *
 * <p>A file over the {@link Limits} (too large, a name too long, nested too deep) is not parsed at
 * all: the limit is reported and the tree is empty.
 */
public final class SpecParser {
  private SpecParser() {}

  public static Ast.SpecFile parse(SourceFile file, Diagnostics diagnostics) {
    return parseWithinLimits(file, diagnostics).orElseGet(() -> empty(file));
  }

  /** The file's tree, or empty when the file is over a limit (reported). */
  public static Optional<Ast.SpecFile> parseWithinLimits(SourceFile file, Diagnostics diagnostics) {
    if (file.text().length() > Limits.MAX_FILE_BYTES) {
      diagnostics.add(tooLarge(file));
      return Optional.empty();
    }
    ApplianceLexer lexer = new ApplianceLexer(CharStreams.fromString(file.text(), file.name()));
    lexer.removeErrorListeners();
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    tokens.fill();
    if (!namesWithinLimit(file, tokens.getTokens(), diagnostics)
        || !DepthCheck.within(file, tokens.getTokens(), diagnostics)) {
      return Optional.empty();
    }
    DetachedUnits.setAside(file, tokens.getTokens(), diagnostics);
    ApplianceParser parser = new ApplianceParser(tokens);
    parser.removeErrorListeners();
    parser.addErrorListener(new SyntaxErrorListener(file, diagnostics));
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    try {
      ApplianceParser.FileContext tree = parser.file();
      return Optional.of(new AstBuilder(file, tokens, diagnostics).file(tree));
    } catch (StackOverflowError e) {
      // DepthCheck bounds the nesting the brackets give, but the parser's recovery from a
      // syntax error can leave a block open that a later `}` was meant to close (`size = }`
      // takes the `}` as the missing value): a thousand such lines nest a thousand levels.
      diagnostics.add(DepthCheck.openedBySyntaxErrors(file));
      return Optional.empty();
    }
  }

  /** The tree of a file that could not be read: no header, nothing declared. */
  public static Ast.SpecFile empty(SourceFile file) {
    return new Ast.SpecFile(
        file,
        Optional.empty(),
        List.of(),
        List.of(),
        List.of(),
        new SourceSpan(file, 0, file.text().length()));
  }

  /** The diagnostic for a file over {@link Limits#MAX_FILE_BYTES}. */
  public static Diagnostic tooLarge(SourceFile file) {
    return Diagnostic.error(
            Code.INPUT_TOO_LARGE,
            SourceSpan.at(file, 0),
            "`"
                + file.name()
                + "` is larger than "
                + Limits.MAX_FILE_BYTES / (1024 * 1024)
                + " MiB")
        .label("not read")
        .note("applc reads spec files of up to " + Limits.MAX_FILE_BYTES + " bytes")
        .help("a spec is text written by people; split it into files that import each other")
        .build();
  }

  private static boolean namesWithinLimit(
      SourceFile file, List<Token> tokens, Diagnostics diagnostics) {
    for (Token t : tokens) {
      int type = t.getType();
      boolean name =
          type == ApplianceLexer.IDENT
              || type == ApplianceLexer.NUMBER
              || type == ApplianceLexer.HEX
              || type == ApplianceLexer.STD_PATH;
      int length = t.getStopIndex() - t.getStartIndex() + 1;
      if (name && length > Limits.MAX_NAME) {
        diagnostics.add(
            Diagnostic.error(
                    Code.INPUT_TOO_LARGE,
                    new SourceSpan(file, t.getStartIndex(), t.getStopIndex() + 1),
                    "a name of "
                        + length
                        + " characters; the longest allowed is "
                        + Limits.MAX_NAME)
                .label("this name is too long")
                .help("use a shorter name; put long text in a string"));
        return false;
      }
    }
    return true;
  }
}
