package dev.applc.backends.mkosi;

import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.source.SourceSpan;
import java.util.Optional;

/**
 * Spec strings as values of mkosi settings. mkosi's configuration has no quoting: mkosi 14 reads it
 * with Python's configparser (a blank followed by {@code #} starts a comment, a leading {@code !}
 * removes a list item, quotes change where lists split) and splits lists at commas or blanks; later
 * versions split the same way and read {@code %} as a specifier. A value that would not arrive as
 * itself is refused with a diagnostic at the spec's text; {@code %} is doubled where it is a
 * specifier.
 */
final class MkosiValues {
  /** How mkosi splits a setting's value. */
  enum Shape {
    /** One value. */
    SINGLE,
    /** An item of a comma-separated list. */
    COMMA_LIST,
    /** An item of a blank-separated list ({@code KernelCommandLine=}). */
    SPACE_LIST,
    /** A path in a {@code SRC:DST} list ({@code ExtraTrees=}, {@code BuildSources=}). */
    TREE
  }

  private final BackendContext ctx;
  private final Dialect dialect;

  MkosiValues(BackendContext ctx, Dialect dialect) {
    this.ctx = ctx;
    this.dialect = dialect;
  }

  /**
   * The value as written into {@code Key=}, or empty after reporting why mkosi cannot hold it.
   *
   * @param what how a message names the value, such as {@code the strip path}
   */
  Optional<String> value(String key, String value, Shape shape, SourceSpan span, String what) {
    Optional<String> problem = problem(value, shape);
    if (problem.isPresent()) {
      ctx.diagnostics()
          .add(
              Diagnostic.error(
                      Code.TARGET_UNSUPPORTED,
                      span,
                      "mkosi cannot hold " + what + " `" + value + "` in `" + key + "=`")
                  .label("not expressible in mkosi's configuration")
                  .note(
                      "mkosi's settings have no quoting: the value "
                          + problem.get()
                          + ", so mkosi would read something else")
                  .help("write it without blanks, quotes, backslashes, `,` or a leading `!#;`"));
      return Optional.empty();
    }
    return Optional.of(dialect == Dialect.CURRENT ? value.replace("%", "%%") : value);
  }

  static Optional<String> problem(String value, Shape shape) {
    if (value.isEmpty()) {
      return Optional.of("is empty");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return Optional.of("has a control character");
      }
      if (c == ' ') {
        return Optional.of("has a blank, where mkosi may split or cut the value");
      }
      if (c == '\'' || c == '"' || c == '\\') {
        return Optional.of("has `" + c + "`");
      }
      if (c == ',' && (shape == Shape.COMMA_LIST || shape == Shape.TREE)) {
        return Optional.of("has `,`, which separates list items");
      }
      if (c == ':' && shape == Shape.TREE) {
        return Optional.of("has `:`, which separates a tree's source from its target");
      }
    }
    char first = value.charAt(0);
    if (first == '!' || first == '#' || first == ';' || first == '[') {
      return Optional.of("starts with `" + first + "`");
    }
    return Optional.empty();
  }
}
