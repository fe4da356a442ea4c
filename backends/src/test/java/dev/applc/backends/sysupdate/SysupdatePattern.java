package dev.applc.backends.sysupdate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * systemd-sysupdate's match patterns, re-implemented from sysupdate-pattern.c for tests: literal
 * text with {@code @X} wildcards ({@code @@} is a literal {@code @}); a wildcard takes the text up
 * to the first place the next literal occurs, or to the end.
 */
final class SysupdatePattern {
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final String WILDCARDS = "vufatmsdlrgh";

  /** One element: a literal, or a wildcard letter. */
  private record Element(String literal, char wildcard) {
    boolean isLiteral() {
      return literal != null;
    }
  }

  private final List<Element> elements;

  private SysupdatePattern(List<Element> elements) {
    this.elements = elements;
  }

  /** Parses a pattern whose specifiers are already expanded; refuses what sysupdate refuses. */
  static SysupdatePattern parse(String pattern) {
    List<Element> out = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    String seen = "";
    boolean lastWasWildcard = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '@') {
        if (i + 1 >= pattern.length()) {
          throw new IllegalArgumentException("trailing @ in " + pattern);
        }
        char next = pattern.charAt(++i);
        if (next == '@') {
          literal.append('@');
          lastWasWildcard = false;
          continue;
        }
        if (WILDCARDS.indexOf(next) < 0) {
          throw new IllegalArgumentException("unknown wildcard @" + next + " in " + pattern);
        }
        if (seen.indexOf(next) >= 0) {
          throw new IllegalArgumentException("@" + next + " twice in " + pattern);
        }
        if (lastWasWildcard && literal.length() == 0) {
          throw new IllegalArgumentException("two wildcards without a literal in " + pattern);
        }
        if (literal.length() > 0) {
          out.add(new Element(literal.toString(), '\0'));
          literal.setLength(0);
        }
        out.add(new Element(null, next));
        seen += next;
        lastWasWildcard = true;
        continue;
      }
      if (c < ' ' || c >= 127 || "$*?[]!\\|".indexOf(c) >= 0) {
        throw new IllegalArgumentException("invalid character in " + pattern);
      }
      literal.append(c);
      lastWasWildcard = false;
    }
    if (literal.length() > 0) {
      out.add(new Element(literal.toString(), '\0'));
    }
    if (seen.indexOf('v') < 0) {
      throw new IllegalArgumentException("no @v in " + pattern);
    }
    return new SysupdatePattern(List.copyOf(out));
  }

  /** The wildcards' values when the string matches. */
  Optional<Map<Character, String>> match(String s) {
    Map<Character, String> found = new LinkedHashMap<>();
    int p = 0;
    for (int i = 0; i < elements.size(); i++) {
      Element e = elements.get(i);
      if (e.isLiteral()) {
        if (!s.startsWith(e.literal(), p)) {
          return Optional.empty();
        }
        p += e.literal().length();
        continue;
      }
      int end;
      if (i + 1 < elements.size()) {
        end = s.indexOf(elements.get(i + 1).literal(), p);
        if (end < 0) {
          return Optional.empty();
        }
      } else {
        end = s.length();
      }
      String value = s.substring(p, end);
      if (value.isEmpty() || (e.wildcard() == 'u' && !UUID.matcher(value).matches())) {
        return Optional.empty();
      }
      if ((e.wildcard() == 'l' || e.wildcard() == 'd')
          && !value.chars().allMatch(Character::isDigit)) {
        return Optional.empty();
      }
      found.put(e.wildcard(), value);
      p = end;
    }
    return p == s.length() ? Optional.of(found) : Optional.empty();
  }

  /** The string the pattern names for these wildcard values, as sysupdate names new installs. */
  String expand(Map<Character, String> values) {
    StringBuilder out = new StringBuilder();
    for (Element e : elements) {
      if (e.isLiteral()) {
        out.append(e.literal());
      } else {
        String v = values.get(e.wildcard());
        if (v == null) {
          throw new IllegalArgumentException("no value for @" + e.wildcard());
        }
        out.append(v);
      }
    }
    return out.toString();
  }
}
