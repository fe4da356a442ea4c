package dev.applc.backends.escape;

/**
 * Quoting for the formats spec strings reach. The checker has already rejected newlines and control
 * characters in single-line strings; these functions make the remaining characters mean themselves
 * in each format.
 */
public final class Escape {
  private Escape() {}

  /** A single-quoted POSIX shell word: {@code it's} becomes {@code 'it'\''s'}. */
  public static String shell(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /**
   * A value in a systemd unit or repart/sysupdate definition: {@code %} starts a specifier, so a
   * literal one is doubled.
   */
  public static String specifiers(String s) {
    requireSingleLine(s);
    return s.replace("%", "%%");
  }

  /**
   * A command line for {@code ExecStart=}: words and quotes as written, but {@code %} specifiers,
   * {@code $} variables and backslash escapes made literal.
   */
  public static String execLine(String s) {
    requireSingleLine(s);
    return s.replace("\\", "\\\\").replace("%", "%%").replace("$", "$$");
  }

  /**
   * An os-release value: double-quoted, with the characters shell-compatible quoting gives a
   * meaning to ({@code \ " $ `}) escaped by a backslash, as os-release(5) has it.
   */
  public static String osRelease(String s) {
    requireSingleLine(s);
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '\\' || c == '"' || c == '$' || c == '`') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('"').toString();
  }

  /** A GLib key-file value (RAUC's system.conf and manifest): backslash escapes. */
  public static String keyFile(String s) {
    requireSingleLine(s);
    String out = s.replace("\\", "\\\\");
    if (out.startsWith(" ")) {
      out = "\\s" + out.substring(1);
    }
    return out;
  }

  private static void requireSingleLine(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < 0x20 && s.charAt(i) != '\t') {
        throw new IllegalArgumentException("control character in a value: the checker let it by");
      }
    }
  }
}
