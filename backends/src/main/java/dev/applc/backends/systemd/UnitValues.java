package dev.applc.backends.systemd;

import dev.applc.backends.escape.Escape;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Spec strings made into values of a unit file, each read back by systemd as the spec wrote it, or
 * reported when the format cannot carry them. Every unit file setting is one line whose value
 * systemd strips of surrounding blanks, and a line ending in an odd {@code \} continues on the
 * next: values that would lose blanks or swallow the next line are refused here.
 */
final class UnitValues {
  private UnitValues() {}

  /** systemd's unit names: a prefix, an optional instance and a known type. */
  private static final Pattern UNIT =
      Pattern.compile(
          "[a-zA-Z0-9:_.\\\\-]+(@[a-zA-Z0-9:_.\\\\-]*)?"
              + "\\.(service|socket|target|timer|mount|automount|path|slice|scope|device|swap)");

  /** What systemd accepts as an environment variable name. */
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** {@code Description=} and other free text: specifiers escaped, the rest literal. */
  static Optional<String> text(String s, String what, SourceSpan at, Diagnostics d) {
    if (!lineSafe(s, what, at, d)) {
      return Optional.empty();
    }
    return Optional.of(Escape.specifiers(s));
  }

  /** {@code User=}: any name systemd's relaxed user-name rules accept. */
  static Optional<String> user(String s, SourceSpan at, Diagnostics d) {
    if (!lineSafe(s, "the user name", at, d)) {
      return Optional.empty();
    }
    if (s.isEmpty() || s.equals(".") || s.equals("..") || s.contains(":") || s.contains("/")) {
      d.add(
          Diagnostic.error(Code.UNSAFE_STRING, at, "`" + s + "` cannot be a user name for systemd")
              .label("invalid user name")
              .note("systemd refuses empty names, `.`, `..` and names with `:` or `/`")
              .help("use a user name of letters, digits, `_` and `-`, such as `app`"));
      return Optional.empty();
    }
    return Optional.of(Escape.specifiers(s));
  }

  /**
   * One {@code Environment=} assignment, {@code KEY=value}: quoted, with {@code \} and {@code "}
   * escaped for systemd's unquoting and {@code %} for its specifiers; {@code $} is literal there.
   */
  static Optional<String> environment(String entry, SourceSpan at, Diagnostics d) {
    int eq = entry.indexOf('=');
    if (eq < 0 || !ENV_NAME.matcher(entry.substring(0, eq)).matches()) {
      d.add(
          Diagnostic.error(
                  Code.UNSAFE_STRING,
                  at,
                  "`" + entry + "` is not an environment assignment `KEY=value`")
              .label("not `KEY=value`")
              .note("a variable name is letters, digits and `_`, not starting with a digit")
              .help("write the assignment as `\"NAME=value\"`, such as `\"LANG=C.UTF-8\"`"));
      return Optional.empty();
    }
    String quoted = Escape.specifiers(entry).replace("\\", "\\\\").replace("\"", "\\\"");
    return Optional.of("\"" + quoted + "\"");
  }

  /** A unit named in a dependency: a valid unit name, specifiers escaped. */
  static Optional<String> unitName(String name, SourceSpan at, Diagnostics d) {
    if (!UNIT.matcher(name).matches() || name.length() > 255) {
      d.add(
          Diagnostic.error(Code.UNIT_NAME, at, "`" + name + "` is not a systemd unit name")
              .label("invalid unit name")
              .help(
                  "a unit name is letters, digits and `:_.-\\`, an optional `@instance`, and a"
                      + " type such as `.service` or `.target`"));
      return Optional.empty();
    }
    return Optional.of(Escape.specifiers(name));
  }

  /** A unit name that is also the name of a file this backend writes. */
  static Optional<String> unitFileName(String name, SourceSpan at, Diagnostics d) {
    Optional<String> valid = unitName(name, at, d);
    if (valid.isEmpty()) {
      return valid;
    }
    try {
      OutputTree.checkPath(name);
    } catch (IllegalArgumentException e) {
      d.add(
          Diagnostic.error(
                  Code.UNIT_NAME, at, "applc cannot write a unit file named `" + name + "`")
              .label("unsupported file name")
              .note("unit files applc writes use letters, digits and `:_.@-`")
              .help("name the unit without `\\` escapes, or ship it in an overlay"));
      return Optional.empty();
    }
    return valid;
  }

  /** Unit names for a dependency list, without repeats, in the order first given. */
  static List<String> unitNames(List<String> names, SourceSpan at, Diagnostics d) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String n : names) {
      unitName(n, at, d).ifPresent(out::add);
    }
    return new ArrayList<>(out);
  }

  /** A systemd time span: {@code 2s}, {@code 1500ms}, {@code 15min}. */
  static String timespan(long millis) {
    if (millis != 0 && millis % 60_000 == 0) {
      return millis / 60_000 + "min";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis + "ms";
  }

  /**
   * Whether a value survives systemd's line reading: no blanks at either end (stripped) and no
   * trailing {@code \} (which joins the next line to this one).
   */
  private static boolean lineSafe(String s, String what, SourceSpan at, Diagnostics d) {
    if (!s.equals(s.strip()) || s.endsWith("\\")) {
      d.add(
          Diagnostic.error(
                  Code.UNSAFE_STRING,
                  at,
                  what + " cannot start or end with a blank, or end with `\\`, in a unit file")
              .label("cannot be written as is")
              .note(
                  "systemd strips blanks around a value, and a line ending in `\\` continues on"
                      + " the next line")
              .help("remove the blanks or the trailing `\\`"));
      return false;
    }
    return true;
  }
}
