package dev.applc.compiler.diag;

/**
 * Text from a spec made safe to show: a spec may hold escape sequences (ESC, CR, BEL, bidi
 * overrides) that would move the cursor, recolor or rewrite a terminal line, and so spoof a "no
 * problems" line even without color. Such characters are shown as <code>&#92;u{1b}</code>, and a
 * very long word (an identifier or string of millions of characters) is clipped, so that one
 * diagnostic stays a line or two and its memory stays small.
 */
public final class Printable {
  /** The longest word shown whole; longer ones keep this many characters and end in "…". */
  public static final int MAX_WORD = 60;

  /** The longest message shown whole (a quoted string with spaces is not one word). */
  public static final int MAX_TEXT = 1_000;

  private Printable() {}

  /** Whether a character must not reach a terminal as it is. */
  public static boolean unsafe(char c) {
    return Character.isISOControl(c) // C0, DEL and C1 (0x9b is CSI on some terminals)
        || (c >= '\u202a' && c <= '\u202e') // bidi embeddings and overrides
        || (c >= '\u2066' && c <= '\u2069') // bidi isolates
        || c == '\u2028'
        || c == '\u2029'
        || c == '\u200e'
        || c == '\u200f';
  }

  /**
   * How a character is shown: itself, or {@code \t}, {@code \n}, {@code \r}, <code>&#92;u{1b}
   * </code>.
   */
  public static String escape(char c) {
    return switch (c) {
      case '\t' -> "\\t";
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      default -> unsafe(c) ? "\\u{" + Integer.toHexString(c) + "}" : String.valueOf(c);
    };
  }

  /** Text with unsafe characters escaped and nothing clipped, such as a file name. */
  public static String escaped(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      out.append(escape(s.charAt(i)));
    }
    return out.toString();
  }

  /** A message, label, note or help: unsafe characters escaped, long words clipped. */
  public static String text(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_TEXT + 8));
    int word = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ') {
        word = 0;
        out.append(c);
      } else if (word < MAX_WORD) {
        word++;
        out.append(escape(c));
      } else if (word == MAX_WORD) {
        word++;
        out.append('…');
        // Keep the closing quote, so that `name…` still reads as a quoted name.
        int close = endOfWord(s, i);
        char last = s.charAt(close - 1);
        if (last == '`' || last == '"') {
          out.append(last);
        }
      }
      if (out.length() >= MAX_TEXT) {
        if (i + 1 < s.length()) {
          out.append('…');
        }
        break;
      }
    }
    return out.toString();
  }

  private static int endOfWord(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) != ' ') {
      i++;
    }
    return i;
  }
}
