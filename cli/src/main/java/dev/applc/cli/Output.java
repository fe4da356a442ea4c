package dev.applc.cli;

import picocli.CommandLine.Option;

/** Options every command that prints diagnostics shares. */
final class Output {
  enum Format {
    TEXT,
    JSON
  }

  enum ColorMode {
    AUTO,
    ALWAYS,
    NEVER
  }

  @Option(
      names = "--color",
      defaultValue = "auto",
      description =
          "Color diagnostics: ${COMPLETION-CANDIDATES} (auto: on a terminal, unless NO_COLOR is set).")
  ColorMode color = ColorMode.AUTO;

  /** Whether to color text: never when NO_COLOR is set or output is not a terminal. */
  // On JDK 17, the console is null exactly when standard streams are not a terminal.
  @SuppressWarnings("SystemConsoleNull")
  boolean colored() {
    return switch (color) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO ->
          System.console() != null
              && System.getenv("NO_COLOR") == null
              && !"dumb".equals(System.getenv("TERM"));
    };
  }
}
