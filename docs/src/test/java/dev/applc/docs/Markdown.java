package dev.applc.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough CommonMark to find fenced code blocks and headings: fences of three or more backticks
 * or tildes, indented by up to three spaces, closed by a fence of the same character at least as
 * long. A fence that never closes runs to the end of the page, as CommonMark says.
 */
final class Markdown {
  private static final Pattern OPEN = Pattern.compile("^( {0,3})(`{3,}|~{3,})\\s*([^\\s`]*).*$");
  private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");

  private Markdown() {}

  /**
   * One fenced code block.
   *
   * @param language the first word of the info string, such as {@code applc}; empty if none
   * @param line the 1-based line of the opening fence
   * @param end the 1-based line of the closing fence (or the page's last line if it never closes)
   * @param text the content, without the fences, each line ending in a newline
   */
  record CodeBlock(String language, int line, int end, String text) {}

  /**
   * A heading and the text under it up to the next heading of any level.
   *
   * @param level 1 for {@code #}, 2 for {@code ##}, ...
   * @param line the 1-based line of the heading
   */
  record Section(int level, String title, int line, String body) {}

  static List<CodeBlock> codeBlocks(String markdown) {
    List<CodeBlock> blocks = new ArrayList<>();
    String[] lines = markdown.split("\r?\n", -1);
    int i = 0;
    while (i < lines.length) {
      Matcher open = OPEN.matcher(lines[i]);
      if (!open.matches() || (open.group(2).charAt(0) == '`' && open.group(3).contains("`"))) {
        i++;
        continue;
      }
      int indent = open.group(1).length();
      String fence = open.group(2);
      Pattern close =
          Pattern.compile("^ {0,3}" + Pattern.quote(fence) + fence.charAt(0) + "*\\s*$");
      StringBuilder text = new StringBuilder();
      int j = i + 1;
      while (j < lines.length && !close.matcher(lines[j]).matches()) {
        text.append(stripIndent(lines[j], indent)).append('\n');
        j++;
      }
      blocks.add(
          new CodeBlock(open.group(3), i + 1, Math.min(j + 1, lines.length), text.toString()));
      i = j + 1;
    }
    return blocks;
  }

  /** The headings of a page outside code blocks, each with the text up to the next heading. */
  static List<Section> sections(String markdown) {
    String[] lines = markdown.split("\r?\n", -1);
    boolean[] inCode = new boolean[lines.length];
    for (CodeBlock b : codeBlocks(markdown)) {
      for (int k = b.line() - 1; k < b.end(); k++) {
        inCode[k] = true;
      }
    }
    List<Section> sections = new ArrayList<>();
    int start = -1;
    Matcher heading = null;
    for (int i = 0; i <= lines.length; i++) {
      Matcher m = i < lines.length && !inCode[i] ? HEADING.matcher(lines[i]) : null;
      boolean isHeading = m != null && m.matches();
      if ((isHeading || i == lines.length) && heading != null) {
        StringBuilder body = new StringBuilder();
        for (int k = start + 1; k < i; k++) {
          body.append(lines[k]).append('\n');
        }
        sections.add(
            new Section(heading.group(1).length(), heading.group(2), start + 1, body.toString()));
      }
      if (isHeading) {
        heading = m;
        start = i;
      }
    }
    return sections;
  }

  /** Removes up to {@code indent} leading spaces, as CommonMark does for indented fences. */
  private static String stripIndent(String line, int indent) {
    int n = 0;
    while (n < indent && n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return line.substring(n);
  }
}
