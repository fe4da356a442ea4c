package dev.applc.cli.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.backend.OutputTree;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The review comment's shape, and text from files that could break out of it. */
class DiffMarkdownTest {

  @Test
  void aCommentHasAHeadingATableAndOneDiffBlockPerFile() {
    OutputTree before = new OutputTree();
    before.add("a.conf", "x=1\n", OutputTree.MODE_FILE, List.of());
    before.add("gone.conf", "y=1\n", OutputTree.MODE_FILE, List.of());
    OutputTree after = new OutputTree();
    after.add("a.conf", "x=2\n", OutputTree.MODE_FILE, List.of());
    after.add("new.sh", "echo\n", OutputTree.MODE_EXECUTABLE, List.of());
    Comparison c =
        new Comparison("s.appliance", "`old`", "`new`", 2, 2, TreeDiff.compare(before, after));
    assertEquals(
        """
        ### Generated files of `s.appliance`

        `old` against `new`: 3 files changed, 2 insertions(+), 2 deletions(-).

        | File | Status | Lines |
        | --- | --- | --- |
        | `a.conf` | modified | +1 -1 |
        | `gone.conf` | removed | +0 -1 |
        | `new.sh` | added | +1 -0 |

        #### `a.conf` (modified, +1 -1)

        ```diff
        --- a/a.conf
        +++ b/a.conf
        @@ -1,1 +1,1 @@
        -x=1
        +x=2
        ```

        #### `gone.conf` (removed, +0 -1)

        ```diff
        --- a/gone.conf
        +++ /dev/null
        @@ -1,1 +0,0 @@
        -y=1
        ```

        #### `new.sh` (added, +1 -0)

        ```diff
        --- /dev/null
        +++ b/new.sh
        @@ -0,0 +1,1 @@
        +echo
        ```
        """,
        MarkdownReport.render(c, false));
    String stat = MarkdownReport.render(c, true);
    assertTrue(stat.endsWith("| `new.sh` | added | +1 -0 |\n"), stat);
  }

  @Test
  void noDifferenceSaysSo() {
    OutputTree tree = new OutputTree();
    tree.add("a.conf", "x=1\n", OutputTree.MODE_FILE, List.of());
    Comparison c =
        new Comparison("s.appliance", "`old`", "`new`", 1, 1, TreeDiff.compare(tree, tree));
    assertEquals(
        "### Generated files of `s.appliance`\n\n`old` and `new` generate the same 1 file.\n",
        MarkdownReport.render(c, false));
  }

  @Test
  void fencesOutlastBackticksInTheFiles() {
    OutputTree before = new OutputTree();
    // Context lines start with a space, and a fence may be indented: ` ````` would close ```.
    before.add("README.md", "````\ncode\n````\nold\n", OutputTree.MODE_FILE, List.of());
    OutputTree after = new OutputTree();
    after.add("README.md", "````\ncode\n````\nnew\n", OutputTree.MODE_FILE, List.of());
    String md =
        MarkdownReport.render(
            new Comparison("s", "a", "b", 1, 1, TreeDiff.compare(before, after)), false);
    assertTrue(md.contains("\n`````diff\n"), md);
    assertTrue(md.endsWith("\n`````\n"), md);
    assertEquals("`` a`b ``", MarkdownReport.code("a`b"));
    assertEquals("`HEAD~1`", MarkdownReport.code("HEAD~1"));
  }

  @Test
  void modeChangesAndBinaryFilesAreNamedNotDiffed() {
    OutputTree before = new OutputTree();
    before.add("run.sh", "echo\n", OutputTree.MODE_FILE, List.of());
    before.add("env.img", new byte[] {0, 1, 2}, OutputTree.MODE_FILE, List.of());
    OutputTree after = new OutputTree();
    after.add("run.sh", "echo\n", OutputTree.MODE_EXECUTABLE, List.of());
    after.add("env.img", new byte[] {0, 1, 3}, OutputTree.MODE_FILE, List.of());
    Comparison c = new Comparison("s", "a", "b", 2, 2, TreeDiff.compare(before, after));
    assertEquals(
        """
        M env.img (binary)
        M run.sh (+0 -0, mode 0644 -> 0755)
        2 files changed, 0 insertions(+), 0 deletions(-)

        diff --git a/env.img b/env.img
        Binary files a/env.img and b/env.img differ
        diff --git a/run.sh b/run.sh
        old mode 100644
        new mode 100755
        """,
        new TextReport(false).render(c, false));
  }
}
