package dev.applc.compiler.diag;

import dev.applc.compiler.source.SourceSpan;
import java.util.List;

/**
 * Renders diagnostics the way rustc does: a header with severity and code, the location, the user's
 * source line with carets under the whole span, related places, notes and help.
 */
public final class TextRenderer {
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String RED = "\u001b[1;31m";
  private static final String YELLOW = "\u001b[1;33m";
  private static final String BLUE = "\u001b[1;34m";
  private static final String CYAN = "\u001b[1;36m";

  private final boolean color;

  public TextRenderer(boolean color) {
    this.color = color;
  }

  public String render(List<Diagnostic> diagnostics) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : diagnostics) {
      out.append(render(d)).append('\n');
    }
    return out.toString();
  }

  public String render(Diagnostic d) {
    StringBuilder out = new StringBuilder();
    String severityColor = severityColor(d);
    header(out, d);
    int gutter = gutterWidth(d);
    String pad = " ".repeat(gutter);
    out.append(pad)
        .append(paint(BLUE, "--> "))
        .append(Printable.escaped(d.span().location()))
        .append('\n');
    snippet(out, d.span(), d.label(), '^', severityColor, gutter);
    for (Label related : d.related()) {
      out.append(pad)
          .append(paint(BLUE, "::: "))
          .append(Printable.escaped(related.span().location()))
          .append('\n');
      snippet(out, related.span(), related.message(), '-', BLUE, gutter);
    }
    notesAndHelp(out, d, pad);
    return out.toString();
  }

  /**
   * A problem that is in no spec text, such as an output path applc will not write to: the header,
   * notes and help without a location or snippet (the message names what it is about).
   */
  public String renderUnlocated(Diagnostic d) {
    StringBuilder out = new StringBuilder();
    header(out, d);
    notesAndHelp(out, d, " ");
    return out.toString();
  }

  private void header(StringBuilder out, Diagnostic d) {
    out.append(paint(severityColor(d), d.severity().label() + "[" + d.code().id() + "]"))
        .append(paint(BOLD, ": " + d.message()))
        .append('\n');
  }

  private void notesAndHelp(StringBuilder out, Diagnostic d, String pad) {
    for (String note : d.notes()) {
      out.append(pad).append(paint(BLUE, " = ")).append(paint(BOLD, "note")).append(": ");
      out.append(note).append('\n');
    }
    d.help()
        .ifPresent(
            help ->
                out.append(pad)
                    .append(paint(BLUE, " = "))
                    .append(paint(BOLD, "help"))
                    .append(": ")
                    .append(help)
                    .append('\n'));
  }

  private static String severityColor(Diagnostic d) {
    return switch (d.severity()) {
      case ERROR -> RED;
      case WARNING -> YELLOW;
      case NOTE -> CYAN;
    };
  }

  private void snippet(
      StringBuilder out, SourceSpan span, String label, char mark, String markColor, int gutter) {
    int line = span.startLine();
    Excerpt excerpt = Excerpt.of(span);
    String number = String.valueOf(line);
    String pad = " ".repeat(gutter);
    out.append(pad).append(paint(BLUE, " |")).append('\n');
    out.append(paint(BLUE, " ".repeat(gutter - number.length()) + number + " |"))
        .append(' ')
        .append(excerpt.text())
        .append('\n');
    out.append(pad)
        .append(paint(BLUE, " |"))
        .append(' ')
        .append(" ".repeat(excerpt.caretColumn()))
        .append(
            paint(
                markColor,
                String.valueOf(mark).repeat(excerpt.caretWidth())
                    + (label.isEmpty() ? "" : " " + label)))
        .append('\n');
  }

  private static int gutterWidth(Diagnostic d) {
    int max = d.span().startLine();
    for (Label related : d.related()) {
      max = Math.max(max, related.span().startLine());
    }
    return String.valueOf(max).length() + 1;
  }

  private String paint(String ansi, String text) {
    return color ? ansi + text + RESET : text;
  }
}
