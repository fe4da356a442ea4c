package dev.applc.cli.diff;

import java.util.List;

/**
 * How one generated file differs between two output trees. A file that is not text (it has a NUL
 * byte or is not UTF-8) is compared as bytes and has no hunks.
 */
public record FileChange(
    String path,
    Kind kind,
    int oldMode,
    int newMode,
    boolean binary,
    List<UnifiedDiff.Hunk> hunks) {

  /** The one-letter status, as git shows it. */
  public enum Kind {
    ADDED('A', "added"),
    REMOVED('D', "removed"),
    MODIFIED('M', "modified");

    private final char letter;
    private final String word;

    Kind(char letter, String word) {
      this.letter = letter;
      this.word = word;
    }

    public char letter() {
      return letter;
    }

    public String word() {
      return word;
    }
  }

  public FileChange {
    hunks = List.copyOf(hunks);
  }

  public int insertions() {
    return count('+');
  }

  public int deletions() {
    return count('-');
  }

  public boolean modeChanged() {
    return kind == Kind.MODIFIED && oldMode != newMode;
  }

  private int count(char kind) {
    int n = 0;
    for (UnifiedDiff.Hunk h : hunks) {
      for (UnifiedDiff.Line l : h.lines()) {
        if (l.kind() == kind) {
          n++;
        }
      }
    }
    return n;
  }
}
