package dev.applc.lsp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the cursor is in the middle of, read from the text before it with a small scanner of its
 * own: the enclosing blocks (by brace matching, which works however broken the text is) and the
 * statement being typed. The parser's recovery may cut a block short while the user types; braces
 * do not lie.
 *
 * @param kind what may be typed here
 * @param path the enclosing blocks, outermost first
 * @param partial the part of the word before the cursor, which completion replaces
 * @param partialStart where that word starts
 * @param property for a value, the property it belongs to
 * @param function for a value inside {@code f(...)}, the function
 * @param inList for a value, whether it is inside {@code [...]}
 * @param block for a label or {@code extends}, the kind of the block being declared
 * @param labelIndex for a label, which one
 * @param written the properties already set in the innermost block (before the cursor)
 * @param siblings the blocks already declared in the innermost block (before the cursor)
 */
record CursorContext(
    Kind kind,
    List<Frame> path,
    String partial,
    int partialStart,
    String property,
    Optional<String> function,
    boolean inList,
    String block,
    int labelIndex,
    Set<String> written,
    List<Frame> siblings) {

  enum Kind {
    /** Inside a string or comment, or somewhere nothing fits. */
    NONE,
    /** After {@code import}. */
    IMPORT,
    /** Where a property or block starts. */
    STATEMENT,
    /** After {@code key =}. */
    VALUE,
    /** After a block's kind, where its labels go. */
    LABEL,
    /** After {@code extends}. */
    EXTENDS
  }

  /**
   * A block header as written: {@code partition esp}, {@code slots [a, b]}, {@code disk extends
   * ab-root-rauc}.
   *
   * @param children the headers of its nested blocks, before the cursor
   */
  record Frame(String kind, List<String> labels, Optional<String> parent, List<Frame> children) {
    Optional<String> name() {
      return labels.isEmpty() ? Optional.empty() : Optional.of(labels.get(0));
    }
  }

  private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(\\S*)$");

  static CursorContext at(String text, int offset) {
    int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    Matcher m = IMPORT.matcher(text.substring(lineStart, offset));
    List<Token> tokens = Token.scan(text, offset);
    if (tokens == null) {
      return none();
    }
    Scan scan = new Scan();
    for (Token t : tokens) {
      scan.feed(t);
    }
    if (m.matches()) {
      String partial = m.group(1);
      return new CursorContext(
          Kind.IMPORT,
          scan.path(),
          partial,
          offset - partial.length(),
          "",
          Optional.empty(),
          false,
          "",
          0,
          Set.of(),
          List.of());
    }
    return scan.context(offset);
  }

  static CursorContext none() {
    return new CursorContext(
        Kind.NONE, List.of(), "", 0, "", Optional.empty(), false, "", 0, Set.of(), List.of());
  }

  /** A token of the spec language, as far as the cursor needs them. */
  record Token(Type type, String text, int start, int end, boolean lineStart) {
    enum Type {
      WORD,
      NUMBER,
      STRING,
      PUNCT
    }

    boolean is(String punct) {
      return type == Type.PUNCT && text.equals(punct);
    }

    boolean word() {
      return type == Type.WORD;
    }

    /**
     * The tokens before {@code offset}; a word the cursor is in is cut at the cursor. Null when the
     * cursor is inside a string, a text block or a comment.
     */
    static List<Token> scan(String text, int offset) {
      List<Token> out = new ArrayList<>();
      int i = 0;
      boolean newline = true;
      while (i < offset) {
        char c = text.charAt(i);
        int before = out.size();
        if (Character.isWhitespace(c)) {
          newline |= c == '\n';
          i++;
        } else if (c == '#') {
          int end = text.indexOf('\n', i);
          if (end < 0 || end >= offset) {
            return null;
          }
          i = end;
        } else if (text.startsWith("\"\"\"", i)) {
          int end = text.indexOf("\"\"\"", i + 3);
          if (end < 0 || end + 3 > offset) {
            return null;
          }
          out.add(new Token(Type.STRING, text.substring(i, end + 3), i, end + 3, newline));
          i = end + 3;
        } else if (c == '"') {
          int j = i + 1;
          while (j < text.length() && text.charAt(j) != '"' && text.charAt(j) != '\n') {
            j += text.charAt(j) == '\\' ? 2 : 1;
          }
          if (j >= offset) {
            return null;
          }
          int end = Math.min(text.length(), j + 1);
          out.add(new Token(Type.STRING, text.substring(i, end), i, end, newline));
          i = end;
        } else if (Character.isLetterOrDigit(c) || c == '_') {
          int j = i + 1;
          while (j < offset && wordChar(text.charAt(j))) {
            j++;
          }
          Type type = Character.isDigit(c) ? Type.NUMBER : Type.WORD;
          out.add(new Token(type, text.substring(i, j), i, j, newline));
          i = j;
        } else {
          out.add(new Token(Type.PUNCT, String.valueOf(c), i, i + 1, newline));
          i++;
        }
        if (out.size() > before) {
          newline = false;
        }
      }
      return out;
    }

    private static boolean wordChar(char c) {
      return Character.isLetterOrDigit(c) || "_.@+-:/".indexOf(c) >= 0;
    }
  }

  /** A statement of tokens between braces and semicolons: a property or a block header. */
  private record Statement(List<Token> tokens, boolean property) {
    Token last() {
      return tokens.get(tokens.size() - 1);
    }
  }

  /** Brace matching over the tokens: a stack of blocks, each with the statement in progress. */
  private static final class Scan {
    private final Deque<Level> levels = new ArrayDeque<>();

    private static final class Level {
      final Frame frame;
      final List<Token> pending = new ArrayList<>();
      final Set<String> written = new LinkedHashSet<>();
      final List<Frame> children = new ArrayList<>();

      Level(Frame frame) {
        this.frame = frame;
      }
    }

    Scan() {
      levels.push(new Level(new Frame("", List.of(), Optional.empty(), List.of())));
    }

    void feed(Token t) {
      Level level = levels.peek();
      if (t.is("{")) {
        List<Statement> statements = split(level.pending);
        level.pending.clear();
        Statement header = statements.isEmpty() ? null : statements.get(statements.size() - 1);
        for (int i = 0; i < statements.size() - 1; i++) {
          written(level, statements.get(i));
        }
        Frame frame =
            header == null || header.property()
                ? new Frame("", List.of(), Optional.empty(), List.of())
                : header(header.tokens());
        level.children.add(frame);
        levels.push(new Level(frame));
      } else if (t.is("}")) {
        if (levels.size() > 1) {
          Level done = levels.pop();
          Frame closed = done.frame;
          List<Frame> siblings = levels.peek().children;
          siblings.set(
              siblings.size() - 1,
              new Frame(closed.kind(), closed.labels(), closed.parent(), done.children));
        }
      } else if (t.is(";")) {
        split(level.pending).forEach(s -> written(level, s));
        level.pending.clear();
      } else if (levels.size() == 1
          && level.pending.isEmpty()
          && t.word()
          && (t.text().equals("import") || t.text().equals("applc"))) {
        level.pending.add(t);
        level.pending.add(new Token(Token.Type.PUNCT, ";", t.end(), t.end(), false));
      } else if (levels.size() == 1 && level.pending.size() == 2 && level.pending.get(1).is(";")) {
        // The target of `import` or the version after `applc`: a statement of its own.
        level.pending.clear();
      } else {
        level.pending.add(t);
      }
    }

    private static void written(Level level, Statement s) {
      if (s.property()) {
        level.written.add(s.tokens().get(0).text());
      }
    }

    List<Frame> path() {
      List<Frame> path = new ArrayList<>();
      levels
          .descendingIterator()
          .forEachRemaining(
              l ->
                  path.add(
                      new Frame(
                          l.frame.kind(),
                          l.frame.labels(),
                          l.frame.parent(),
                          List.copyOf(l.children))));
      return List.copyOf(path.subList(1, path.size()));
    }

    CursorContext context(int offset) {
      Level level = levels.peek();
      List<Token> pending = level.pending;
      if (!pending.isEmpty() && pending.get(pending.size() - 1).is(";")) {
        return none(); // Right after `import` or `applc`.
      }
      List<Statement> statements = split(pending);
      for (int i = 0; i < statements.size() - 1; i++) {
        written(level, statements.get(i));
      }
      Set<String> written = Set.copyOf(level.written);
      List<Frame> siblings = List.copyOf(level.children);
      List<Frame> path = path();
      if (statements.isEmpty()) {
        return statement(path, "", offset, written, siblings);
      }
      Statement s = statements.get(statements.size() - 1);
      Token last = s.last();
      boolean touching =
          last.end() == offset
              && (last.type() == Token.Type.WORD || last.type() == Token.Type.NUMBER);
      if (s.property()) {
        List<Token> value = s.tokens().subList(2, s.tokens().size());
        Deque<String> open = new ArrayDeque<>();
        for (int i = 0; i < value.size(); i++) {
          Token v = value.get(i);
          if (v.is("[")) {
            open.push("[");
          } else if (v.is("(")) {
            open.push(i > 0 && value.get(i - 1).word() ? value.get(i - 1).text() : "(");
          } else if ((v.is("]") || v.is(")")) && !open.isEmpty()) {
            open.pop();
          }
        }
        String key = s.tokens().get(0).text();
        boolean complete = !value.isEmpty() && open.isEmpty();
        if (complete && !(touching && value.size() == 1)) {
          // A finished value: right after it nothing fits; after a space, the next statement.
          return last.end() == offset ? none() : statementAfter(path, offset, level);
        }
        String partial = touching ? last.text() : "";
        Optional<String> function =
            open.stream().filter(o -> !o.equals("[")).findFirst().filter(o -> !o.equals("("));
        boolean inList = open.contains("[");
        return new CursorContext(
            Kind.VALUE,
            path,
            partial,
            offset - partial.length(),
            key,
            function,
            inList,
            "",
            0,
            written,
            siblings);
      }
      List<Token> h = s.tokens();
      if (!h.get(0).word()) {
        return none();
      }
      if (h.size() == 1 && touching) {
        return statement(path, last.text(), offset, written, siblings);
      }
      String kind = h.get(0).text();
      boolean afterExtends = last.text().equals("extends") && !touching;
      boolean inExtends = h.size() >= 3 && h.get(h.size() - 2).text().equals("extends") && touching;
      if (afterExtends || inExtends) {
        String partial = inExtends ? last.text() : "";
        return new CursorContext(
            Kind.EXTENDS,
            path,
            partial,
            offset - partial.length(),
            "",
            Optional.empty(),
            false,
            kind,
            0,
            written,
            siblings);
      }
      if (h.stream().anyMatch(t -> t.type() == Token.Type.PUNCT)) {
        return none();
      }
      String partial = touching ? last.text() : "";
      int index = h.size() - 1 - (touching ? 1 : 0);
      return new CursorContext(
          Kind.LABEL,
          path,
          partial,
          offset - partial.length(),
          "",
          Optional.empty(),
          false,
          kind,
          index,
          written,
          siblings);
    }

    private static CursorContext statementAfter(List<Frame> path, int offset, Level level) {
      List<Statement> statements = split(level.pending);
      statements.forEach(s -> written(level, s));
      return statement(path, "", offset, Set.copyOf(level.written), List.copyOf(level.children));
    }

    private static CursorContext statement(
        List<Frame> path, String partial, int offset, Set<String> written, List<Frame> siblings) {
      return new CursorContext(
          Kind.STATEMENT,
          path,
          partial,
          offset - partial.length(),
          "",
          Optional.empty(),
          false,
          "",
          0,
          written,
          siblings);
    }

    /** Splits tokens into properties ({@code key = value}) and block headers. */
    private static List<Statement> split(List<Token> tokens) {
      List<Statement> out = new ArrayList<>();
      int i = 0;
      int n = tokens.size();
      while (i < n) {
        int start = i;
        if (tokens.get(i).word() && i + 1 < n && tokens.get(i + 1).is("=")) {
          i = skipValue(tokens, i + 2);
          out.add(new Statement(List.copyOf(tokens.subList(start, i)), true));
        } else {
          i++;
          while (i < n && !(tokens.get(i).word() && i + 1 < n && tokens.get(i + 1).is("="))) {
            i++;
          }
          out.add(new Statement(List.copyOf(tokens.subList(start, i)), false));
        }
      }
      return out;
    }

    private static int skipValue(List<Token> tokens, int i) {
      int n = tokens.size();
      if (i >= n) {
        return n;
      }
      Token t = tokens.get(i);
      if (t.lineStart()) {
        // `key =` with nothing after it on its line: the value is missing, and what follows
        // starts the next statement (a value that starts on a later line is not written so).
        return i;
      }
      String close;
      if (t.is("[")) {
        close = "]";
      } else if (t.word() && i + 1 < n && tokens.get(i + 1).is("(")) {
        close = ")";
        i++;
      } else {
        return i + 1;
      }
      String openText = close.equals("]") ? "[" : "(";
      int depth = 0;
      for (int j = i; j < n; j++) {
        if (tokens.get(j).is(openText)) {
          depth++;
        } else if (tokens.get(j).is(close)) {
          depth--;
          if (depth == 0) {
            return j + 1;
          }
        }
      }
      return n;
    }

    private static Frame header(List<Token> tokens) {
      String kind = tokens.get(0).text();
      List<String> labels = new ArrayList<>();
      Optional<String> parent = Optional.empty();
      for (int i = 1; i < tokens.size(); i++) {
        Token t = tokens.get(i);
        if (t.word() && t.text().equals("extends") && i + 1 < tokens.size()) {
          parent = Optional.of(tokens.get(i + 1).text());
          break;
        }
        if (t.type() != Token.Type.PUNCT) {
          labels.add(unquote(t.text()));
        }
      }
      return new Frame(kind, labels, parent, List.of());
    }

    private static String unquote(String s) {
      return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
          ? s.substring(1, s.length() - 1)
          : s;
    }
  }
}
