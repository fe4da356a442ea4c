package dev.applc.cli.diff;

import java.util.List;

/**
 * What {@code applc diff} compared and found: the spec, how to name each side to a reader (Markdown
 * inline text, such as {@code `HEAD~1` (commit `5b08158`)}), how many files each side generated,
 * and the files that differ.
 */
public record Comparison(
    String spec,
    String oldSide,
    String newSide,
    int oldFiles,
    int newFiles,
    List<FileChange> changes) {
  public Comparison {
    changes = List.copyOf(changes);
  }

  public boolean identical() {
    return changes.isEmpty();
  }

  public int insertions() {
    return changes.stream().mapToInt(FileChange::insertions).sum();
  }

  public int deletions() {
    return changes.stream().mapToInt(FileChange::deletions).sum();
  }

  /** {@code 2 files changed, 3 insertions(+), 1 deletion(-)}, as git says it. */
  public String totals() {
    int files = changes.size();
    return files
        + (files == 1 ? " file changed, " : " files changed, ")
        + insertions()
        + (insertions() == 1 ? " insertion(+), " : " insertions(+), ")
        + deletions()
        + (deletions() == 1 ? " deletion(-)" : " deletions(-)");
  }
}
