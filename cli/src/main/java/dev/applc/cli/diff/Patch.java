package dev.applc.cli.diff;

import java.util.ArrayList;
import java.util.List;

/** The lines of one file's patch, in git's format, without line breaks. */
final class Patch {
  static final String NO_NEWLINE = "\\ No newline at end of file";

  private Patch() {}

  /** {@code diff --git} and the mode lines that say a file is new, deleted or changed mode. */
  static List<String> gitHeader(FileChange c) {
    List<String> out = new ArrayList<>();
    out.add("diff --git a/" + c.path() + " b/" + c.path());
    switch (c.kind()) {
      case ADDED -> out.add("new file mode " + gitMode(c.newMode()));
      case REMOVED -> out.add("deleted file mode " + gitMode(c.oldMode()));
      case MODIFIED -> {
        if (c.modeChanged()) {
          out.add("old mode " + gitMode(c.oldMode()));
          out.add("new mode " + gitMode(c.newMode()));
        }
      }
    }
    return out;
  }

  /** The {@code ---}/{@code +++} lines and the hunks; for a file that is not text, one line. */
  static List<String> body(FileChange c) {
    String oldName = c.kind() == FileChange.Kind.ADDED ? "/dev/null" : "a/" + c.path();
    String newName = c.kind() == FileChange.Kind.REMOVED ? "/dev/null" : "b/" + c.path();
    List<String> out = new ArrayList<>();
    if (c.binary()) {
      out.add("Binary files " + oldName + " and " + newName + " differ");
      return out;
    }
    if (c.hunks().isEmpty()) {
      return out; // Only the mode changed; or an empty file was added or removed.
    }
    out.add("--- " + oldName);
    out.add("+++ " + newName);
    for (UnifiedDiff.Hunk h : c.hunks()) {
      out.add(h.header());
      for (UnifiedDiff.Line l : h.lines()) {
        String text = l.text();
        if (l.unterminated()) {
          out.add(l.kind() + text);
          out.add(NO_NEWLINE);
        } else {
          out.add(l.kind() + text.substring(0, text.length() - 1));
        }
      }
    }
    return out;
  }

  /** The summary of a file's change: {@code +1 -1}, and what else changed. */
  static String counts(FileChange c) {
    String counts = c.binary() ? "binary" : "+" + c.insertions() + " -" + c.deletions();
    if (c.modeChanged()) {
      counts += ", mode " + mode(c.oldMode()) + " -> " + mode(c.newMode());
    }
    return counts;
  }

  static String mode(int mode) {
    return String.format("%04o", mode);
  }

  private static String gitMode(int mode) {
    return String.format("100%03o", mode & 0777);
  }
}
