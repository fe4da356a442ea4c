package dev.applc.cli.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * The hunks of a unified diff between two texts: each edit with up to {@link #CONTEXT} unchanged
 * lines around it, edits whose context would touch merged into one hunk, as {@code diff -u} and
 * {@code git diff} do.
 */
public final class UnifiedDiff {
  public static final int CONTEXT = 3;

  private UnifiedDiff() {}

  /** One line of a hunk: {@code ' '} unchanged, {@code '-'} removed, {@code '+'} added. */
  public record Line(char kind, String text) {
    /** Whether the line is the last of its text and has no line break. */
    public boolean unterminated() {
      return !text.endsWith("\n");
    }
  }

  /**
   * A hunk: {@code oldCount} lines from line {@code oldStart} (1-based; for an empty range, the
   * line before it) replaced by {@code newCount} lines from {@code newStart}.
   */
  public record Hunk(int oldStart, int oldCount, int newStart, int newCount, List<Line> lines) {
    public Hunk {
      lines = List.copyOf(lines);
    }

    public String header() {
      return "@@ -" + oldStart + "," + oldCount + " +" + newStart + "," + newCount + " @@";
    }
  }

  /** Splits a text into lines that keep their line break; the last may have none. */
  public static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl + 1;
      out.add(text.substring(start, end));
      start = end;
    }
    return out;
  }

  /** The hunks that turn {@code oldText} into {@code newText}; empty when they are equal. */
  public static List<Hunk> hunks(String oldText, String newText) {
    List<String> a = lines(oldText);
    List<String> b = lines(newText);
    List<LineDiff.Edit> edits = LineDiff.diff(a, b);
    List<Hunk> hunks = new ArrayList<>();
    int i = 0;
    while (i < edits.size()) {
      int j = i;
      while (j + 1 < edits.size()
          && edits.get(j + 1).oldStart() - edits.get(j).oldEnd() <= 2 * CONTEXT) {
        j++;
      }
      LineDiff.Edit first = edits.get(i);
      LineDiff.Edit last = edits.get(j);
      int oldFrom = Math.max(0, first.oldStart() - CONTEXT);
      int oldTo = Math.min(a.size(), last.oldEnd() + CONTEXT);
      int newFrom = first.newStart() - (first.oldStart() - oldFrom);
      int newTo = last.newEnd() + (oldTo - last.oldEnd());
      List<Line> lines = new ArrayList<>();
      int at = oldFrom;
      for (int e = i; e <= j; e++) {
        LineDiff.Edit edit = edits.get(e);
        for (; at < edit.oldStart(); at++) {
          lines.add(new Line(' ', a.get(at)));
        }
        for (int k = edit.oldStart(); k < edit.oldEnd(); k++) {
          lines.add(new Line('-', a.get(k)));
        }
        for (int k = edit.newStart(); k < edit.newEnd(); k++) {
          lines.add(new Line('+', b.get(k)));
        }
        at = edit.oldEnd();
      }
      for (; at < oldTo; at++) {
        lines.add(new Line(' ', a.get(at)));
      }
      int oldCount = oldTo - oldFrom;
      int newCount = newTo - newFrom;
      hunks.add(
          new Hunk(
              oldCount == 0 ? oldFrom : oldFrom + 1,
              oldCount,
              newCount == 0 ? newFrom : newFrom + 1,
              newCount,
              lines));
      i = j + 1;
    }
    return hunks;
  }
}
