package dev.applc.cli.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The line diff and its hunks: as {@code diff -u} prints them, minimal, and reversible. */
class DiffHunksTest {

  @Test
  void equalTextsHaveNoHunks() {
    assertEquals(List.of(), UnifiedDiff.hunks("a\nb\n", "a\nb\n"));
    assertEquals(List.of(), UnifiedDiff.hunks("", ""));
  }

  @Test
  void hunksAreThoseOfDiffU() {
    // Expected text from GNU `diff -u o.txt n.txt`, headers left out.
    String old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\n";
    String changed = "a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\nz\n";
    assertEquals(
        """
        @@ -1,7 +1,7 @@
         a
         b
         c
        -d
        +D
         e
         f
         g
        @@ -12,3 +12,4 @@
         l
         m
         n
        +z
        """,
        render(UnifiedDiff.hunks(old, changed)));
  }

  @Test
  void editsWithLittleBetweenThemShareOneHunk() {
    String old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
    String changed = "1\nX\n3\n4\n5\n6\n7\n8\nY\n10\n";
    List<UnifiedDiff.Hunk> hunks = UnifiedDiff.hunks(old, changed);
    assertEquals(1, hunks.size());
    assertEquals("@@ -1,10 +1,10 @@", hunks.get(0).header());
  }

  @Test
  void aMissingLineBreakAtTheEndIsShown() {
    assertEquals(
        """
        @@ -1,2 +1,2 @@
         x
        -y
        \\ No newline at end of file
        +z
        \\ No newline at end of file
        """,
        render(UnifiedDiff.hunks("x\ny", "x\nz")));
    assertEquals(
        """
        @@ -1,1 +1,1 @@
        -x
        \\ No newline at end of file
        +x
        """,
        render(UnifiedDiff.hunks("x", "x\n")));
  }

  @Test
  void newAndEmptiedFilesCountFromZero() {
    assertEquals("@@ -0,0 +1,2 @@", UnifiedDiff.hunks("", "x\ny\n").get(0).header());
    assertEquals("@@ -1,2 +0,0 @@", UnifiedDiff.hunks("x\ny\n", "").get(0).header());
  }

  @Test
  void randomEditsAreMinimalAndTurnTheOldTextIntoTheNew() {
    Random random = new Random(20261122);
    for (int round = 0; round < 500; round++) {
      List<String> a = randomLines(random, random.nextInt(30));
      List<String> b = mutate(random, a);
      List<LineDiff.Edit> edits = LineDiff.diff(a, b);
      int changed = edits.stream().mapToInt(e -> e.deleted() + e.inserted()).sum();
      assertEquals(a.size() + b.size() - 2 * lcs(a, b), changed, "not minimal: " + a + b);
      String oldText = String.join("", a);
      String newText = String.join("", b);
      assertEquals(newText, apply(oldText, UnifiedDiff.hunks(oldText, newText)));
    }
  }

  @Test
  void aLargeDifferenceIsStillACorrectDiff() {
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    for (int i = 0; i < 6000; i++) {
      a.add("old " + i + "\n");
      b.add("new " + i + "\n");
    }
    String oldText = String.join("", a);
    String newText = String.join("", b);
    List<UnifiedDiff.Hunk> hunks = UnifiedDiff.hunks(oldText, newText);
    assertEquals(newText, apply(oldText, hunks));
  }

  static String render(List<UnifiedDiff.Hunk> hunks) {
    StringBuilder out = new StringBuilder();
    for (UnifiedDiff.Hunk h : hunks) {
      out.append(h.header()).append('\n');
      for (UnifiedDiff.Line l : h.lines()) {
        out.append(l.kind()).append(l.text());
        if (l.unterminated()) {
          out.append("\n\\ No newline at end of file\n");
        }
      }
    }
    return out.toString();
  }

  /** Applies hunks as {@code patch} would, checking every context and removed line. */
  static String apply(String oldText, List<UnifiedDiff.Hunk> hunks) {
    List<String> old = UnifiedDiff.lines(oldText);
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (UnifiedDiff.Hunk h : hunks) {
      int start = h.oldCount() == 0 ? h.oldStart() : h.oldStart() - 1;
      assertTrue(start >= at, "hunks overlap or go backwards");
      while (at < start) {
        out.append(old.get(at++));
      }
      int seenOld = 0;
      int seenNew = 0;
      for (UnifiedDiff.Line l : h.lines()) {
        if (l.kind() != '+') {
          assertEquals(old.get(at++), l.text());
          seenOld++;
        }
        if (l.kind() != '-') {
          out.append(l.text());
          seenNew++;
        }
      }
      assertEquals(h.oldCount(), seenOld);
      assertEquals(h.newCount(), seenNew);
    }
    while (at < old.size()) {
      out.append(old.get(at++));
    }
    return out.toString();
  }

  private static List<String> randomLines(Random random, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add((char) ('a' + random.nextInt(5)) + "\n");
    }
    return out;
  }

  private static List<String> mutate(Random random, List<String> a) {
    List<String> b = new ArrayList<>(a);
    int edits = random.nextInt(8);
    for (int i = 0; i < edits; i++) {
      int kind = random.nextInt(3);
      if (kind == 0 || b.isEmpty()) {
        b.add(random.nextInt(b.size() + 1), (char) ('a' + random.nextInt(6)) + "\n");
      } else if (kind == 1) {
        b.remove(random.nextInt(b.size()));
      } else {
        b.set(random.nextInt(b.size()), (char) ('a' + random.nextInt(6)) + "\n");
      }
    }
    if (!b.isEmpty() && random.nextBoolean()) {
      String last = b.get(b.size() - 1);
      b.set(b.size() - 1, last.substring(0, last.length() - 1)); // No line break at the end.
    }
    return b;
  }

  private static int lcs(List<String> a, List<String> b) {
    int[][] t = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        t[i][j] =
            a.get(i).equals(b.get(j)) ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
      }
    }
    return t[0][0];
  }
}
