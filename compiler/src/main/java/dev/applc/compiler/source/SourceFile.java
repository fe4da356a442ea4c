package dev.applc.compiler.source;

import java.util.ArrayList;
import java.util.List;

/**
 * One spec file's text and the name it is shown under in diagnostics.
 *
 * <p>The display name is what the user typed (a relative path) or a standard-library name such as
 * {@code std:boards/rpi4}; never an absolute path of the build machine, so that diagnostics and
 * outputs are the same on every machine.
 */
public final class SourceFile {
  private final String name;
  private final String text;
  private final int[] lineStarts;

  public SourceFile(String name, String text) {
    this.name = name;
    this.text = text;
    this.lineStarts = computeLineStarts(text);
  }

  public String name() {
    return name;
  }

  public String text() {
    return text;
  }

  /** 1-based line of a character offset. */
  public int line(int offset) {
    int lo = 0;
    int hi = lineStarts.length - 1;
    int clamped = Math.max(0, Math.min(offset, text.length()));
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (lineStarts[mid] <= clamped) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo + 1;
  }

  /** 1-based column of a character offset, counted in characters. */
  public int column(int offset) {
    int clamped = Math.max(0, Math.min(offset, text.length()));
    return clamped - lineStarts[line(clamped) - 1] + 1;
  }

  public int lineCount() {
    return lineStarts.length;
  }

  /** The text of a 1-based line, without its line terminator. */
  public String lineText(int line) {
    int start = lineStarts[line - 1];
    int end = line < lineStarts.length ? lineStarts[line] : text.length();
    while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return text.substring(start, end);
  }

  /** The character offset of a 1-based line and column. */
  public int offset(int line, int column) {
    int l = Math.max(1, Math.min(line, lineStarts.length));
    return Math.min(text.length(), lineStarts[l - 1] + Math.max(0, column - 1));
  }

  private static int[] computeLineStarts(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public String toString() {
    return name;
  }
}
