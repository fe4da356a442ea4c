package dev.applc.cli.diff;

import java.util.List;

/**
 * The comparison as a review comment: a heading, a table of the changed files and, unless only the
 * summary is asked for, each file's diff in a {@code diff} code block.
 */
public final class MarkdownReport {
  private MarkdownReport() {}

  public static String render(Comparison c, boolean statOnly) {
    StringBuilder out = new StringBuilder();
    out.append("### Generated files of ").append(code(c.spec())).append("\n\n");
    if (c.identical()) {
      out.append(c.oldSide())
          .append(" and ")
          .append(c.newSide())
          .append(" generate the same ")
          .append(c.newFiles())
          .append(c.newFiles() == 1 ? " file.\n" : " files.\n");
      return out.toString();
    }
    out.append(c.oldSide())
        .append(" against ")
        .append(c.newSide())
        .append(": ")
        .append(c.totals())
        .append(".\n\n");
    out.append("| File | Status | Lines |\n");
    out.append("| --- | --- | --- |\n");
    for (FileChange f : c.changes()) {
      out.append("| ")
          .append(code(f.path()))
          .append(" | ")
          .append(f.kind().word())
          .append(" | ")
          .append(Patch.counts(f))
          .append(" |\n");
    }
    if (statOnly) {
      return out.toString();
    }
    for (FileChange f : c.changes()) {
      out.append("\n#### ")
          .append(code(f.path()))
          .append(" (")
          .append(f.kind().word())
          .append(", ")
          .append(Patch.counts(f))
          .append(")\n");
      List<String> body = Patch.body(f);
      if (body.isEmpty()) {
        continue;
      }
      String fence = "`".repeat(Math.max(3, longestFence(body) + 1));
      out.append('\n').append(fence).append("diff\n");
      body.forEach(line -> out.append(line).append('\n'));
      out.append(fence).append('\n');
    }
    return out.toString();
  }

  /**
   * Inline code that shows {@code text} as it is, even when it holds backticks: the delimiters are
   * one backtick longer than the longest run inside.
   */
  public static String code(String text) {
    int longest = longestRun(text);
    String ticks = "`".repeat(longest + 1);
    String pad = longest > 0 ? " " : "";
    return ticks + pad + text + pad + ticks;
  }

  /** The longest run of backticks that opens a line (after up to three spaces): it could close. */
  private static int longestFence(List<String> lines) {
    int longest = 0;
    for (String line : lines) {
      int start = 0;
      while (start < line.length() && start < 3 && line.charAt(start) == ' ') {
        start++;
      }
      int run = 0;
      while (start + run < line.length() && line.charAt(start + run) == '`') {
        run++;
      }
      longest = Math.max(longest, run);
    }
    return longest;
  }

  private static int longestRun(String text) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      run = text.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest;
  }
}
