package dev.applc.compiler.source;

/**
 * A range of characters in a spec file: {@code start} inclusive, {@code end} exclusive.
 *
 * <p>Every syntax node and every model element keeps the span it came from, so that a problem found
 * anywhere in the pipeline can be shown at the user's own text.
 */
public record SourceSpan(SourceFile file, int start, int end) {

  public SourceSpan {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span " + start + ".." + end);
    }
  }

  public static SourceSpan at(SourceFile file, int offset) {
    return new SourceSpan(file, offset, offset);
  }

  /** The smallest span that covers both. Both must be in the same file. */
  public SourceSpan to(SourceSpan other) {
    return new SourceSpan(file, Math.min(start, other.start), Math.max(end, other.end));
  }

  public int startLine() {
    return file.line(start);
  }

  public int startColumn() {
    return file.column(start);
  }

  public int endLine() {
    return file.line(end);
  }

  public int endColumn() {
    return file.column(end);
  }

  public String text() {
    return file.text().substring(start, end);
  }

  /** {@code file:line:col}, as editors and terminals link it. */
  public String location() {
    return file.name() + ":" + startLine() + ":" + startColumn();
  }

  /** {@code file:line:col-line:col}, for the diagnostics corpus and JSON. */
  public String range() {
    return location() + "-" + endLine() + ":" + endColumn();
  }

  @Override
  public String toString() {
    return range();
  }
}
