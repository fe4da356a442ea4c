package dev.applc.lsp;

import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceSpan;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Converts between LSP positions (0-based line, UTF-16 column) and character offsets. Java strings
 * count UTF-16 code units too, so a column is a plain character count from the line start.
 */
final class Positions {
  private Positions() {}

  static int offset(SourceFile file, Position position) {
    int line = Math.max(0, position.getLine());
    if (line >= file.lineCount()) {
      return file.text().length();
    }
    int lineStart = file.offset(line + 1, 1);
    int lineLength = file.lineText(line + 1).length();
    return lineStart + Math.max(0, Math.min(position.getCharacter(), lineLength));
  }

  static Position position(SourceFile file, int offset) {
    return new Position(file.line(offset) - 1, file.column(offset) - 1);
  }

  static Range range(SourceSpan span) {
    return new Range(position(span.file(), span.start()), position(span.file(), span.end()));
  }

  static Range range(SourceFile file, int start, int end) {
    return new Range(position(file, start), position(file, end));
  }

  /** Whether an offset lies in a span or touches its end, as a cursor after a word does. */
  static boolean touches(SourceSpan span, int offset) {
    return span.start() <= offset && offset <= span.end();
  }
}
