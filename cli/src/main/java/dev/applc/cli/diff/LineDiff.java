package dev.applc.cli.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.Sequence;
import org.eclipse.jgit.diff.SequenceComparator;

/**
 * The shortest edit script between two lists of lines, as the regions that differ: JGit's Myers
 * diff (linear space, common prefix and suffix set aside first) over the lines numbered by their
 * text. Myers rather than JGit's default histogram diff because the script is the shortest, which
 * is what {@code applc diff} has always shown.
 */
public final class LineDiff {
  private static final DiffAlgorithm MYERS =
      DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.MYERS);

  private LineDiff() {}

  /**
   * A region that differs: lines {@code [oldStart, oldEnd)} of the old text are replaced by lines
   * {@code [newStart, newEnd)} of the new (either may be empty: an insertion or a deletion).
   */
  public record Edit(int oldStart, int oldEnd, int newStart, int newEnd) {
    public int deleted() {
      return oldEnd - oldStart;
    }

    public int inserted() {
      return newEnd - newStart;
    }
  }

  /** The regions where {@code a} and {@code b} differ, in order; empty when they are equal. */
  public static List<Edit> diff(List<String> a, List<String> b) {
    // Lines as numbers: the algorithm compares ints rather than strings.
    Map<String, Integer> ids = new HashMap<>();
    EditList edits = MYERS.diff(Lines.COMPARATOR, new Lines(a, ids), new Lines(b, ids));
    List<Edit> out = new ArrayList<>(edits.size());
    for (org.eclipse.jgit.diff.Edit e : edits) {
      out.add(new Edit(e.getBeginA(), e.getEndA(), e.getBeginB(), e.getEndB()));
    }
    return out;
  }

  /** Lines numbered so that equal lines, in either list, have equal numbers. */
  private static final class Lines extends Sequence {
    static final SequenceComparator<Lines> COMPARATOR =
        new SequenceComparator<>() {
          @Override
          public boolean equals(Lines a, int ai, Lines b, int bi) {
            return a.ids[ai] == b.ids[bi];
          }

          @Override
          public int hash(Lines seq, int index) {
            return seq.ids[index];
          }
        };

    private final int[] ids;

    Lines(List<String> lines, Map<String, Integer> ids) {
      this.ids = new int[lines.size()];
      for (int i = 0; i < this.ids.length; i++) {
        Integer next = ids.size();
        Integer id = ids.putIfAbsent(lines.get(i), next);
        this.ids[i] = id == null ? next : id;
      }
    }

    @Override
    public int size() {
      return ids.length;
    }
  }
}
