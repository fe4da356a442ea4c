package dev.applc.cli.diff;

import java.util.List;

/**
 * The comparison for a terminal or a patch file: one summary line per file, a total, then the patch
 * in git's format (which {@code git apply} and {@code patch -p1} accept in an output tree).
 */
public final class TextReport {
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String CYAN = "\u001b[36m";

  private final boolean color;

  public TextReport(boolean color) {
    this.color = color;
  }

  /** The summary and, unless {@code statOnly}, the patch; empty when nothing differs. */
  public String render(Comparison comparison, boolean statOnly) {
    if (comparison.identical()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (FileChange c : comparison.changes()) {
      String letter = String.valueOf(c.kind().letter());
      String style =
          switch (c.kind()) {
            case ADDED -> GREEN;
            case REMOVED -> RED;
            case MODIFIED -> YELLOW;
          };
      out.append(paint(style, letter))
          .append(' ')
          .append(c.path())
          .append(" (")
          .append(Patch.counts(c))
          .append(")\n");
    }
    out.append(comparison.totals()).append('\n');
    if (statOnly) {
      return out.toString();
    }
    out.append('\n');
    for (FileChange c : comparison.changes()) {
      for (String line : Patch.gitHeader(c)) {
        out.append(paint(BOLD, line)).append('\n');
      }
      List<String> body = Patch.body(c);
      for (int i = 0; i < body.size(); i++) {
        // The first two lines of a text patch name the files; the rest are hunks.
        String line = body.get(i);
        out.append(paint(i < 2 && !c.binary() ? BOLD : style(line), line)).append('\n');
      }
    }
    return out.toString();
  }

  private static String style(String line) {
    if (line.startsWith("@@")) {
      return CYAN;
    }
    if (line.startsWith("-")) {
      return RED;
    }
    if (line.startsWith("+")) {
      return GREEN;
    }
    return "";
  }

  private String paint(String style, String text) {
    return color && !style.isEmpty() ? style + text + RESET : text;
  }
}
