package dev.applc.backends.systemd;

import dev.applc.backends.escape.Escape;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A command line for {@code ExecStart=} and {@code ExecStartPre=}, as a spec writes it: words
 * separated by blanks, grouped by double or single quotes; every other character, {@code \}, {@code
 * %}, {@code $} and {@code ;} included, means itself. systemd reads the same line differently
 * (specifiers, variables, C escapes, a lone {@code ;} between commands), so the words are split
 * here and written back in systemd's syntax, each meaning exactly what the spec said.
 */
final class ExecLine {
  private ExecLine() {}

  /** The prefixes systemd reads before the program: ignore failure, argv[0], privileges. */
  private static final String PREFIXES = "-@:+!";

  /**
   * The words of a spec command line, or empty after reporting why there are none: an unclosed
   * quote, no program, or a {@code $} in the program's path (systemd expands variables in the
   * arguments but not in the path, so no escaping keeps both literal).
   */
  static Optional<List<String>> words(String line, SourceSpan at, Diagnostics d) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == ' ' || c == '\t') {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else {
        if (word == null) {
          word = new StringBuilder();
        }
        if (c == '"' || c == '\'') {
          quote = c;
        } else {
          word.append(c);
        }
      }
    }
    if (quote != 0) {
      d.add(
          Diagnostic.error(Code.UNSAFE_STRING, at, "the command has an unclosed `" + quote + "`")
              .label("unclosed quote")
              .note("quotes group words, as in a shell: `\"a b\"` is one argument")
              .help(
                  "close the quote, or put a lone `"
                      + quote
                      + "` inside the other kind of quotes"));
      return Optional.empty();
    }
    if (word != null) {
      words.add(word.toString());
    }
    if (words.isEmpty() || program(words.get(0)).isEmpty()) {
      d.add(
          Diagnostic.error(Code.UNSAFE_STRING, at, "the command has no program")
              .label("empty command")
              .help("write the program's absolute path first, such as `\"/usr/bin/true\"`"));
      return Optional.empty();
    }
    if (program(words.get(0)).contains("$")) {
      d.add(
          Diagnostic.error(Code.UNSAFE_STRING, at, "the program's path contains `$`")
              .label("`$` in the path")
              .note(
                  "systemd expands `$` in arguments but not in the program's path, so no"
                      + " escaping keeps it literal in both")
              .help("install the program at a path without `$`"));
      return Optional.empty();
    }
    return Optional.of(List.copyOf(words));
  }

  /** The program of a first word, without systemd's prefixes. */
  static String program(String first) {
    int i = 0;
    while (i < first.length() && PREFIXES.indexOf(first.charAt(i)) >= 0) {
      i++;
    }
    return first.substring(i);
  }

  /** The words as one systemd command line, each read back by systemd as itself. */
  static String render(List<String> words) {
    List<String> out = new ArrayList<>();
    for (String w : words) {
      out.add(word(w));
    }
    return String.join(" ", out);
  }

  private static String word(String w) {
    if (w.equals(";")) {
      return "\\;"; // a lone `;` separates commands; escaped, it is an argument
    }
    String escaped = Escape.execLine(w);
    boolean quote = w.isEmpty() || w.chars().anyMatch(c -> " \t\"'".indexOf(c) >= 0);
    return quote ? "\"" + escaped.replace("\"", "\\\"") + "\"" : escaped;
  }
}
