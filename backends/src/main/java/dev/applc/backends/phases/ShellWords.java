package dev.applc.backends.phases;

import dev.applc.backends.escape.Escape;
import java.util.List;

/** A list of spec values as one line of single-quoted shell words. */
final class ShellWords {
  private ShellWords() {}

  static String of(List<String> values) {
    return String.join(" ", values.stream().map(Escape::shell).toList());
  }
}
