package dev.applc.compiler.sema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * A glob pattern as the build's strip phase expands it, one path component at a time with bash's
 * {@code *}, {@code ?}, {@code [...]} and backslash escapes, and whether one of its components can
 * match {@code .} or {@code ..}. Bash before 5.2 (and 5.2 without {@code globskipdots}) lets a
 * component that starts with a dot match them, so {@code /.[.]/.[.]/etc/shadow} would climb out of
 * the image; the phase drops such matches, and the compiler refuses the pattern up front.
 *
 * <p>The answer is on the safe side: a bracket expression with a character class, equivalence class
 * or collating symbol this class does not model is taken to match a dot.
 */
final class PathGlob {
  private PathGlob() {}

  /** The first component of an absolute pattern that can match {@code .} or {@code ..}. */
  static Optional<String> componentMatchingDots(String pattern) {
    for (String component : pattern.split("/", -1)) {
      if (!component.isEmpty() && (matches(component, ".") || matches(component, ".."))) {
        return Optional.of(component);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a component pattern matches a name that starts with a dot. A leading {@code *} or
   * {@code ?} never matches the leading dot of {@code .} and {@code ..} (bash skips them unless the
   * pattern starts with a dot); a bracket expression may.
   */
  static boolean matches(String component, String name) {
    List<Token> tokens = tokens(component);
    if (!tokens.isEmpty() && tokens.get(0).wildcard() && name.startsWith(".")) {
      return false;
    }
    return match(tokens, 0, name, 0);
  }

  private static boolean match(List<Token> tokens, int t, String name, int n) {
    if (t == tokens.size()) {
      return n == name.length();
    }
    Token token = tokens.get(t);
    if (token.star()) {
      for (int i = n; i <= name.length(); i++) {
        if (match(tokens, t + 1, name, i)) {
          return true;
        }
      }
      return false;
    }
    return n < name.length()
        && token.one().test(name.charAt(n))
        && match(tokens, t + 1, name, n + 1);
  }

  /** One element of a pattern: {@code *}, or something that matches one character. */
  private record Token(boolean star, boolean wildcard, IntPredicate one) {}

  private static List<Token> tokens(String p) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '*') {
        out.add(new Token(true, true, ch -> true));
        i++;
      } else if (c == '?') {
        out.add(new Token(false, true, ch -> true));
        i++;
      } else if (c == '\\' && i + 1 < p.length()) {
        char literal = p.charAt(i + 1);
        out.add(new Token(false, false, ch -> ch == literal));
        i += 2;
      } else if (c == '[') {
        int end = bracketEnd(p, i);
        if (end < 0) {
          out.add(new Token(false, false, ch -> ch == '['));
          i++;
        } else {
          out.add(new Token(false, false, bracket(p.substring(i + 1, end))));
          i = end + 1;
        }
      } else {
        out.add(new Token(false, false, ch -> ch == c));
        i++;
      }
    }
    return out;
  }

  /** The index of the {@code ]} that closes the bracket expression at {@code start}, or -1. */
  private static int bracketEnd(String p, int start) {
    int i = start + 1;
    if (i < p.length() && (p.charAt(i) == '!' || p.charAt(i) == '^')) {
      i++;
    }
    if (i < p.length() && p.charAt(i) == ']') {
      i++; // a `]` first is a member
    }
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '[' && i + 1 < p.length() && ":=.".indexOf(p.charAt(i + 1)) >= 0) {
        int close = p.indexOf(p.charAt(i + 1) + "]", i + 2);
        if (close < 0) {
          return -1;
        }
        i = close + 2;
      } else if (c == '\\' && i + 1 < p.length()) {
        i += 2;
      } else if (c == ']') {
        return i;
      } else {
        i++;
      }
    }
    return -1;
  }

  private static IntPredicate bracket(String body) {
    boolean negated = !body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^');
    String members = negated ? body.substring(1) : body;
    if (members.contains("[=") || members.contains("[.")) {
      return ch -> true; // equivalence classes and collating symbols: assume the worst
    }
    List<IntPredicate> parts = new ArrayList<>();
    int i = 0;
    while (i < members.length()) {
      char c = members.charAt(i);
      if (c == '[' && i + 1 < members.length() && members.charAt(i + 1) == ':') {
        int close = members.indexOf(":]", i + 2);
        parts.add(characterClass(members.substring(i + 2, close)));
        i = close + 2;
        continue;
      }
      if (c == '\\' && i + 1 < members.length()) {
        c = members.charAt(++i);
      }
      if (i + 2 < members.length() && members.charAt(i + 1) == '-') {
        char from = c;
        char to = members.charAt(i + 2);
        parts.add(ch -> ch >= from && ch <= to);
        i += 3;
      } else {
        char one = c;
        parts.add(ch -> ch == one);
        i++;
      }
    }
    IntPredicate any = ch -> parts.stream().anyMatch(part -> part.test(ch));
    return negated ? any.negate() : any;
  }

  /** POSIX classes; one this class does not know is taken to match anything. */
  private static IntPredicate characterClass(String name) {
    return switch (name) {
      case "alpha" -> Character::isLetter;
      case "digit" -> ch -> ch >= '0' && ch <= '9';
      case "alnum" -> Character::isLetterOrDigit;
      case "upper" -> Character::isUpperCase;
      case "lower" -> Character::isLowerCase;
      case "space" -> Character::isWhitespace;
      case "blank" -> ch -> ch == ' ' || ch == '\t';
      case "xdigit" -> ch -> Character.digit(ch, 16) >= 0;
      case "cntrl" -> Character::isISOControl;
      default -> ch -> true; // punct, graph, print and unknown names include `.`
    };
  }
}
