package dev.applc.compiler.syntax;

import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.source.SourceFile;
import dev.applc.grammar.ApplianceLexer;
import dev.applc.grammar.ApplianceParser;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;

/**
 * Parses one spec file into an {@link Ast.SpecFile}. Always returns a tree: on syntax errors the
 * parser recovers and the tree holds what could be read, so editors still get an outline and the
 * checker still finds other problems.
 */
public final class SpecParser {
  private SpecParser() {}

  public static Ast.SpecFile parse(SourceFile file, Diagnostics diagnostics) {
    ApplianceLexer lexer = new ApplianceLexer(CharStreams.fromString(file.text(), file.name()));
    lexer.removeErrorListeners();
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    ApplianceParser parser = new ApplianceParser(tokens);
    parser.removeErrorListeners();
    parser.addErrorListener(new SyntaxErrorListener(file, diagnostics));
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    ApplianceParser.FileContext tree = parser.file();
    tokens.fill();
    return new AstBuilder(file, tokens, diagnostics).file(tree);
  }
}
