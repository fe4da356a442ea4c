package dev.applc.compiler.diag;

import dev.applc.compiler.source.SourceSpan;

/**
 * The part of a source line a snippet shows, made safe for a terminal, with where the carets go.
 *
 * <p>Tabs become one space and control characters their escapes ({@link Printable}), and the carets
 * are placed by the shown width of what precedes them, so they stay under the span. A line longer
 * than {@link #WIDTH} characters is shown as a window around the span's start, with "…" at a cut
 * end: a ten-million-character identifier prints a line, not ten megabytes.
 *
 * @param text the line as shown
 * @param caretColumn how many columns of {@code text} precede the first caret
 * @param caretWidth how many carets
 */
record Excerpt(String text, int caretColumn, int caretWidth) {
  /** The most characters of a line shown. */
  static final int WIDTH = 160;

  /** How much of the line before the span a window keeps. */
  private static final int BEFORE = 40;

  static Excerpt of(SourceSpan span) {
    String source = span.file().text();
    int lineStart = span.file().offset(span.startLine(), 1);
    int lineEnd = lineStart;
    int limit = Math.min(source.length(), Math.max(span.start(), lineStart) + WIDTH);
    while (lineEnd < limit && source.charAt(lineEnd) != '\n') {
      lineEnd++;
    }
    int start = Math.max(lineStart, Math.min(span.start(), lineEnd));
    int from = lineEnd - lineStart <= WIDTH ? lineStart : Math.max(lineStart, start - BEFORE);
    int to = Math.min(lineEnd, from + WIDTH);
    while (to > from && source.charAt(to - 1) == '\r') {
      to--;
    }
    boolean cutBefore = from > lineStart;
    boolean cutAfter =
        to < source.length() && source.charAt(to) != '\n' && source.charAt(to) != '\r';
    StringBuilder text = new StringBuilder();
    if (cutBefore) {
      text.append('…');
    }
    int caretColumn = -1;
    int caretEnd = -1;
    int end = span.endLine() == span.startLine() ? span.end() : to;
    for (int i = from; i < to; i++) {
      if (i == start) {
        caretColumn = text.length();
      }
      if (i == end) {
        caretEnd = text.length();
      }
      char c = source.charAt(i);
      text.append(c == '\t' ? " " : Printable.escape(c));
    }
    if (caretColumn < 0) {
      caretColumn = text.length();
    }
    if (caretEnd < 0) {
      caretEnd = text.length();
    }
    if (cutAfter) {
      text.append('…');
    }
    return new Excerpt(text.toString(), caretColumn, Math.max(1, caretEnd - caretColumn));
  }
}
