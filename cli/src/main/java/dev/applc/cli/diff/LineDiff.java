package dev.applc.cli.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shortest edit script between two lists of lines (Myers' O(ND) greedy algorithm), as the
 * regions that differ. Generated config files are short and change little, so the plain algorithm
 * with its trace kept in memory is enough; a common prefix and suffix are set aside first.
 */
public final class LineDiff {
  /**
   * Above this many differing lines, the middle is shown as one replaced block rather than searched
   * for the shortest script: the search's memory grows with the square of the difference.
   */
  static final int MAX_EDIT_DISTANCE = 2000;

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
    // Lines as numbers: comparing ints in the inner loop rather than strings.
    Map<String, Integer> ids = new HashMap<>();
    int[] x = ids(a, ids);
    int[] y = ids(b, ids);
    int prefix = 0;
    while (prefix < x.length && prefix < y.length && x[prefix] == y[prefix]) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < x.length - prefix
        && suffix < y.length - prefix
        && x[x.length - 1 - suffix] == y[y.length - 1 - suffix]) {
      suffix++;
    }
    int n = x.length - prefix - suffix;
    int m = y.length - prefix - suffix;
    List<Edit> edits = new ArrayList<>();
    if (n == 0 && m == 0) {
      return edits;
    }
    boolean[] deleted = new boolean[n];
    boolean[] inserted = new boolean[m];
    if (!myers(x, y, prefix, n, m, deleted, inserted)) {
      java.util.Arrays.fill(deleted, true);
      java.util.Arrays.fill(inserted, true);
    }
    // Walk both sides together, turning runs of deleted and inserted lines into edits.
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && !deleted[i] && !inserted[j]) {
        i++;
        j++;
        continue;
      }
      int oldStart = i;
      int newStart = j;
      while (i < n && deleted[i]) {
        i++;
      }
      while (j < m && inserted[j]) {
        j++;
      }
      edits.add(new Edit(prefix + oldStart, prefix + i, prefix + newStart, prefix + j));
    }
    return edits;
  }

  private static int[] ids(List<String> lines, Map<String, Integer> ids) {
    int[] out = new int[lines.size()];
    for (int i = 0; i < out.length; i++) {
      Integer next = ids.size();
      Integer id = ids.putIfAbsent(lines.get(i), next);
      out[i] = id == null ? next : id;
    }
    return out;
  }

  /**
   * Marks the lines of the shortest edit script between {@code x[off, off+n)} and {@code y[off,
   * off+m)}; false when the script would be longer than {@link #MAX_EDIT_DISTANCE}.
   */
  private static boolean myers(
      int[] x, int[] y, int off, int n, int m, boolean[] deleted, boolean[] inserted) {
    int max = Math.min(n + m, MAX_EDIT_DISTANCE);
    // v[k + max]: the furthest x reached on diagonal k (k = x - y).
    int[] v = new int[2 * max + 3];
    List<int[]> trace = new ArrayList<>();
    int found = -1;
    for (int d = 0; d <= max && found < 0; d++) {
      for (int k = -d; k <= d; k += 2) {
        int px;
        if (k == -d || (k != d && v[k - 1 + max + 1] < v[k + 1 + max + 1])) {
          px = v[k + 1 + max + 1]; // down: a line of y inserted
        } else {
          px = v[k - 1 + max + 1] + 1; // right: a line of x deleted
        }
        int py = px - k;
        while (px < n && py < m && x[off + px] == y[off + py]) {
          px++;
          py++;
        }
        v[k + max + 1] = px;
        if (px >= n && py >= m) {
          found = d;
        }
      }
      // Round d's reach on diagonals -d..d, kept for the walk back.
      int[] round = new int[2 * d + 1];
      System.arraycopy(v, -d + max + 1, round, 0, round.length);
      trace.add(round);
    }
    if (found < 0) {
      return false;
    }
    int px = n;
    int py = m;
    for (int d = found; d > 0; d--) {
      int[] prev = trace.get(d - 1); // indexed k + (d - 1)
      int k = px - py;
      int prevK;
      if (k == -d || (k != d && prev[k - 1 + d - 1] < prev[k + 1 + d - 1])) {
        prevK = k + 1;
      } else {
        prevK = k - 1;
      }
      int prevX = prev[prevK + d - 1];
      int prevY = prevX - prevK;
      while (px > prevX && py > prevY) {
        px--;
        py--;
      }
      if (px == prevX) {
        inserted[prevY] = true;
      } else {
        deleted[prevX] = true;
      }
      px = prevX;
      py = prevY;
    }
    return true;
  }
}
