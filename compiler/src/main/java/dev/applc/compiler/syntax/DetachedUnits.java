package dev.applc.compiler.syntax;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceSpan;
import dev.applc.grammar.ApplianceLexer;
import java.util.List;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.WritableToken;

/**
 * Finds a unit written apart from its number, `size = 4 G`. Left to the parser, the stray `G`
 * starts a block that swallows the next lines, and the errors that follow point anywhere but at the
 * space. Here the space is the one error, and the unit is set aside so the rest of the file reads
 * as written.
 */
final class DetachedUnits {
  /** A word short enough to be a unit: `G`, `MiB`, `s`, `min`. */
  private static final Pattern UNIT = Pattern.compile("[A-Za-z]{1,3}");

  private DetachedUnits() {}

  static void setAside(SourceFile file, List<Token> tokens, Diagnostics diagnostics) {
    for (int i = 0; i < tokens.size(); i++) {
      Token number = tokens.get(i);
      if (number.getType() != ApplianceLexer.NUMBER
          || !number.getText().chars().allMatch(c -> Character.isDigit(c) || c == '.')
          || previous(tokens, i) != ApplianceLexer.ASSIGN) {
        continue;
      }
      int u = nextOnChannel(tokens, i);
      if (u < 0 || !(tokens.get(u) instanceof WritableToken unit)) {
        continue;
      }
      boolean sameLine = unit.getLine() == number.getLine() && u == i + 2;
      int after = nextOnChannel(tokens, u);
      int afterType = after < 0 ? Token.EOF : tokens.get(after).getType();
      // `a = 4 b = 5` and `a = 4 b {}` are a name starting the next statement, not a unit; a
      // word that ends its line is a unit whatever follows.
      boolean startsStatement =
          after >= 0
              && tokens.get(after).getLine() == unit.getLine()
              && (afterType == ApplianceLexer.ASSIGN
                  || afterType == ApplianceLexer.LBRACE
                  || afterType == ApplianceLexer.IDENT
                  || afterType == ApplianceLexer.STRING
                  || afterType == ApplianceLexer.LBRACK
                  || afterType == ApplianceLexer.EXTENDS);
      if (unit.getType() != ApplianceLexer.IDENT
          || !sameLine
          || !UNIT.matcher(unit.getText()).matches()
          || startsStatement) {
        continue;
      }
      diagnostics.add(
          Diagnostic.error(
                  Code.SYNTAX,
                  new SourceSpan(file, number.getStartIndex(), unit.getStopIndex() + 1),
                  "a space between the number `"
                      + number.getText()
                      + "` and its unit `"
                      + unit.getText()
                      + "`")
              .label("one value, written apart")
              .help(
                  "write the unit against the number: `"
                      + number.getText()
                      + unit.getText()
                      + "`"));
      unit.setChannel(Token.HIDDEN_CHANNEL);
    }
  }

  private static int previous(List<Token> tokens, int i) {
    for (int j = i - 1; j >= 0; j--) {
      if (tokens.get(j).getChannel() == Token.DEFAULT_CHANNEL) {
        return tokens.get(j).getType();
      }
    }
    return Token.INVALID_TYPE;
  }

  private static int nextOnChannel(List<Token> tokens, int i) {
    for (int j = i + 1; j < tokens.size(); j++) {
      if (tokens.get(j).getChannel() == Token.DEFAULT_CHANNEL) {
        return tokens.get(j).getType() == Token.EOF ? -1 : j;
      }
    }
    return -1;
  }
}
