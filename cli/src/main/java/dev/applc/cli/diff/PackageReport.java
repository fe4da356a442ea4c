package dev.applc.cli.diff;

import dev.applc.sbom.PackageChanges;
import dev.applc.sbom.PackageChanges.Change;

/**
 * How the packages of two builds differ, from their SBOMs: one line per package that was added
 * ({@code A}), removed ({@code D}) or changed version ({@code M}), sorted by name, and a total; or
 * a review comment in Markdown.
 */
public final class PackageReport {
  private static final String RESET = "\u001b[0m";
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";

  private PackageReport() {}

  /** The lines and the total, or only the total with {@code statOnly}; empty when none differ. */
  public static String text(PackageChanges changes, boolean statOnly, boolean color) {
    if (changes.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    if (!statOnly) {
      for (Change c : changes.changes()) {
        String letter =
            switch (c.kind()) {
              case ADDED -> paint(color, GREEN, "A");
              case REMOVED -> paint(color, RED, "D");
              case CHANGED -> paint(color, YELLOW, "M");
            };
        out.append(letter).append(' ').append(c.name()).append(' ').append(versions(c));
        out.append(" (").append(c.architecture()).append(")\n");
      }
    }
    out.append(totals(changes)).append('\n');
    return out.toString();
  }

  /** A heading, the total and, unless {@code statOnly}, a table of the changed packages. */
  public static String markdown(
      PackageChanges changes, String oldName, String newName, boolean statOnly) {
    StringBuilder out = new StringBuilder();
    out.append("### Packages of the image\n\n");
    out.append(MarkdownReport.code(oldName))
        .append(" against ")
        .append(MarkdownReport.code(newName))
        .append(": ")
        .append(changes.isEmpty() ? "no package changed" : totals(changes))
        .append(".\n");
    if (statOnly || changes.isEmpty()) {
      return out.toString();
    }
    out.append("\n| Package | Architecture | Change | Old version | New version |\n");
    out.append("| --- | --- | --- | --- | --- |\n");
    for (Change c : changes.changes()) {
      out.append("| ")
          .append(MarkdownReport.code(c.name()))
          .append(" | ")
          .append(c.architecture())
          .append(" | ")
          .append(
              switch (c.kind()) {
                case ADDED -> "added";
                case REMOVED -> "removed";
                case CHANGED -> "version changed";
              })
          .append(" | ")
          .append(c.from() == null ? "" : MarkdownReport.code(c.from()))
          .append(" | ")
          .append(c.to() == null ? "" : MarkdownReport.code(c.to()))
          .append(" |\n");
    }
    return out.toString();
  }

  /** {@code 3 packages changed: 1 added, 1 removed, 1 version changed; 212 unchanged}. */
  static String totals(PackageChanges changes) {
    int n = changes.changes().size();
    return n
        + (n == 1 ? " package" : " packages")
        + " changed: "
        + changes.count(PackageChanges.Kind.ADDED)
        + " added, "
        + changes.count(PackageChanges.Kind.REMOVED)
        + " removed, "
        + changes.count(PackageChanges.Kind.CHANGED)
        + " version changed; "
        + changes.unchanged()
        + " unchanged";
  }

  private static String versions(Change c) {
    return switch (c.kind()) {
      case ADDED -> c.to();
      case REMOVED -> c.from();
      case CHANGED -> c.from() + " -> " + c.to();
    };
  }

  private static String paint(boolean color, String style, String text) {
    return color ? style + text + RESET : text;
  }
}
