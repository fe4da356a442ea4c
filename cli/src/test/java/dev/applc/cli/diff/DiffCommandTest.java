package dev.applc.cli.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code applc diff} on real git repositories made for each test with JGit. */
class DiffCommandTest {
  private static final Path MINIMAL = Path.of("..", "specs", "minimal", "minimal.appliance");
  private static final String SPEC = "specs/minimal/minimal.appliance";
  private static final String ESP_256M = "    size = 4G\n    partition esp { size = 256M }\n";
  private static final String DATA =
      "    size = 4G\n"
          + "    partition data { type = linux-generic; size = 512M; format = ext4;"
          + " mount = \"/data\" }\n";

  @TempDir Path repo;
  private Git git;
  private int commits;

  /**
   * The repart definitions of the partitions that a change of the ESP leaves alone. Backends are
   * being added, so tests name the files that must and must not change rather than list them all.
   */
  private static final List<String> OTHER_PARTITIONS =
      List.of("10-root-a", "20-root-a-verity", "30-root-b", "40-root-b-verity", "50-var");

  private static final String ESP_CONF = "rootfs/usr/lib/repart.d/00-esp.conf";
  private static final String DATA_CONF = "rootfs/usr/lib/repart.d/60-data.conf";

  record Run(int exit, String out, String err) {
    /** The summary: a line per changed file, then the total. */
    List<String> summary() {
      return out.lines().takeWhile(l -> !l.isEmpty()).toList();
    }

    /** Each changed file's summary line, such as {@code M manifest.json (+2 -2)}, by path. */
    Map<String, String> files() {
      Map<String, String> files = new TreeMap<>();
      List<String> summary = summary();
      for (String line : summary.subList(0, Math.max(0, summary.size() - 1))) {
        files.put(line.substring(2, line.lastIndexOf(" (")), line);
      }
      return files;
    }
  }

  @BeforeEach
  void init() throws Exception {
    git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
  }

  @AfterEach
  void close() {
    git.close();
  }

  @Test
  void aPartitionSizeChangeShowsOnlyThatPartitionAndTheManifest() throws Exception {
    write(SPEC, Files.readString(MINIMAL));
    commit("minimal");
    write(SPEC, minimal().replace("    size = 4G\n", ESP_256M));
    commit("smaller esp");
    Map<String, String> before = snapshot();

    Run run = applc("diff", "HEAD~1", spec());

    assertEquals(0, run.exit(), run.err());
    Map<String, String> files = run.files();
    assertEquals("M " + ESP_CONF + " (+2 -2)", files.get(ESP_CONF), run.out());
    assertTrue(files.get("manifest.json").startsWith("M manifest.json (+"), run.out());
    assertOnlyModified(files, run);
    assertTrue(
        run.out()
            .contains(
                """
                diff --git a/rootfs/usr/lib/repart.d/00-esp.conf b/rootfs/usr/lib/repart.d/00-esp.conf
                --- a/rootfs/usr/lib/repart.d/00-esp.conf
                +++ b/rootfs/usr/lib/repart.d/00-esp.conf
                @@ -5,5 +5,5 @@
                 Type=esp
                 Label=esp
                 Format=vfat
                -SizeMinBytes=536870912
                -SizeMaxBytes=536870912
                +SizeMinBytes=268435456
                +SizeMaxBytes=268435456
                """),
        run.out());
    // Deployed devices keep their ESP: the one warning is about that (APL0509).
    assertTrue(run.err().startsWith("warning[APL0509]: `esp` changes size from 512M to 256M"));
    assertEquals(1, count(run.err(), "warning["), run.err());
    assertEquals(before, snapshot(), "the work tree or the index changed");
  }

  private static final String ROOT_2G =
      "    size = 8G\n    slots [a, b] {\n      partition root { size = 2G }\n    }\n";

  /**
   * Issue 14: a root slot that grew showed in diff with no warning, and deployed devices could not
   * take it. diff warns (APL0509) at the new size, for each slot, and still compares.
   */
  @Test
  void aGrowingSlotIsAWarningAboutDeployedDevices() throws Exception {
    write(SPEC, Files.readString(MINIMAL));
    commit("minimal");
    write(SPEC, minimal().replace("    size = 4G\n", ROOT_2G));

    Run run = applc("diff", "--stat", "HEAD", spec());

    assertEquals(0, run.exit(), run.err());
    assertTrue(
        run.err().contains("warning[APL0509]: `root-a` changes size from 1G to 2G"), run.err());
    assertTrue(
        run.err().contains("warning[APL0509]: `root-b` changes size from 1G to 2G"), run.err());
    assertTrue(run.err().contains("minimal.appliance:27:31"), run.err());
    assertTrue(run.err().contains("= help: keep the size"), run.err());
    assertFalse(run.err().contains("`var` moves"), "a move that follows a resize: " + run.err());
    assertTrue(run.out().contains("rootfs/usr/lib/repart.d/10-root-a.conf"), run.out());
  }

  /** check --against REV warns as diff does, and --strict makes it fail. */
  @Test
  void checkAgainstARevisionWarnsAboutDeployedDevices() throws Exception {
    write(SPEC, Files.readString(MINIMAL));
    commit("minimal");
    write(SPEC, minimal().replace("    size = 4G\n", ROOT_2G));

    Run plain = applc("check", spec());
    assertEquals(0, plain.exit(), plain.err());
    assertFalse(plain.err().contains("APL0509"), plain.err());

    Run against = applc("check", "--against", "HEAD", spec());
    assertEquals(0, against.exit(), against.err());
    assertTrue(
        against.err().contains("warning[APL0509]: `root-a` changes size from 1G to 2G"),
        against.err());
    assertEquals(1, applc("check", "--strict", "--against", "HEAD", spec()).exit());

    write(SPEC, Files.readString(MINIMAL));
    Run same = applc("check", "--against", "HEAD", spec());
    assertEquals(0, same.exit(), same.err());
    assertTrue(same.err().contains("no problems"), same.err());

    Run unknown = applc("check", "--against", "no-such-revision", spec());
    assertEquals(2, unknown.exit(), unknown.err());
    assertFalse(unknown.err().contains("Exception"), unknown.err());
  }

  /** Labels and the compatible string are how deployed devices find slots and accept bundles. */
  @Test
  void aNewLabelAndCompatibleStringAreWarnings() throws Exception {
    write(
        SPEC,
        minimal()
            .replace(
                "  board   = x86_64-uefi\n",
                "  board = x86_64-uefi\n  compatible = \"minimal-v1\"\n"));
    commit("minimal with a compatible string");
    write(
        SPEC,
        minimal()
            .replace(
                "  board   = x86_64-uefi\n",
                "  board = x86_64-uefi\n  compatible = \"minimal-v2\"\n")
            .replace(
                "    size = 4G\n", "    size = 4G\n    partition var { label = \"state\" }\n"));

    Run run = applc("diff", "--stat", "HEAD", spec());

    assertEquals(0, run.exit(), run.err());
    assertTrue(
        run.err()
            .contains(
                "warning[APL0509]: the compatible string changes from `minimal-v1` to `minimal-v2`"),
        run.err());
    assertTrue(
        run.err().contains("warning[APL0509]: `var` changes its label from `var` to `state`"),
        run.err());
  }

  @Test
  void onlyTheSummaryWithStat() throws Exception {
    write(SPEC, Files.readString(MINIMAL));
    commit("minimal");
    write(SPEC, minimal().replace("    size = 4G\n", ESP_256M));

    Run run = applc("diff", "--stat", "HEAD", spec());

    assertEquals(0, run.exit(), run.err());
    assertEquals(
        // The ESP's size reaches its repart definitions, mkosi's, and the build phases that
        // make the ESP image and the disk; nothing else moves.
        "M build/phases/60-images.sh (+1 -1)\n"
            + "M build/phases/75-esp.sh (+1 -1)\n"
            + "M build/phases/80-disk.sh (+4 -4)\n"
            + "M manifest.json (+25 -25)\n"
            + "M mkosi/mkosi.conf (+1 -1)\n"
            + "M mkosi/mkosi.repart/00-esp.conf (+2 -2)\n"
            + "M rootfs/usr/lib/repart.d/00-esp.conf (+2 -2)\n"
            + "7 files changed, 36 insertions(+), 36 deletions(-)\n",
        run.out());
  }

  @Test
  void anAddedPartitionIsAnAddedFileAndARemovedOneADeletedFile() throws Exception {
    write(SPEC, Files.readString(MINIMAL));
    commit("minimal");
    write(SPEC, minimal().replace("    size = 4G\n", DATA));
    commit("data partition");

    Run added = applc("diff", "HEAD~1", spec());
    assertEquals(0, added.exit(), added.err());
    assertEquals("A " + DATA_CONF + " (+9 -0)", added.files().get(DATA_CONF), added.out());
    assertTrue(added.files().containsKey("manifest.json"), added.out());
    assertUntouched(added.files(), added, "00-esp");
    assertTrue(
        added
            .out()
            .contains(
                """
                diff --git a/rootfs/usr/lib/repart.d/60-data.conf b/rootfs/usr/lib/repart.d/60-data.conf
                new file mode 100644
                --- /dev/null
                +++ b/rootfs/usr/lib/repart.d/60-data.conf
                @@ -0,0 +1,9 @@
                """),
        added.out());

    write(SPEC, Files.readString(MINIMAL)); // Removed again, in the work tree only.
    Run removed = applc("diff", "HEAD", spec());
    assertEquals(0, removed.exit(), removed.err());
    assertEquals("D " + DATA_CONF + " (+0 -9)", removed.files().get(DATA_CONF), removed.out());
    assertUntouched(removed.files(), removed, "00-esp");
    assertTrue(
        removed
            .out()
            .contains(
                "deleted file mode 100644\n--- a/rootfs/usr/lib/repart.d/60-data.conf\n+++ /dev/null\n@@ -1,9 +0,0 @@\n"),
        removed.out());
  }

  @Test
  void markdownIsAReviewComment() throws Exception {
    write(SPEC, Files.readString(MINIMAL));
    commit("minimal");
    write(SPEC, minimal().replace("    size = 4G\n", ESP_256M));
    String commit = git.getRepository().newObjectReader().abbreviate(head(), 7).name();

    Run run = applc("diff", "--format=markdown", "HEAD", spec());

    assertEquals(0, run.exit(), run.err());
    String md = run.out();
    assertTrue(
        md.startsWith(
            "### Generated files of `specs/minimal/minimal.appliance`\n\n`HEAD` (commit `"
                + commit
                + "`) against the work tree: "),
        md);
    assertTrue(md.contains("\n\n| File | Status | Lines |\n| --- | --- | --- |\n"), md);
    assertTrue(md.contains("\n| `" + ESP_CONF + "` | modified | +2 -2 |\n"), md);
    assertTrue(md.contains("\n| `manifest.json` | modified | +"), md);
    long rows = md.lines().filter(l -> l.startsWith("| `")).count();
    // One heading and one diff block per file, every block closed.
    assertEquals(rows, count(md, "\n#### `"));
    assertEquals(rows, count(md, "\n```diff\n"));
    assertEquals(rows, count(md, "\n```\n"));
    assertTrue(
        md.contains(
            "\n#### `"
                + ESP_CONF
                + "` (modified, +2 -2)\n\n```diff\n--- a/"
                + ESP_CONF
                + "\n+++ b/"
                + ESP_CONF
                + "\n@@ -5,5 +5,5 @@\n"),
        md);
    assertTrue(md.endsWith("\n```\n"), md);

    Run stat = applc("diff", "--format=markdown", "--stat", "HEAD", spec());
    assertFalse(stat.out().contains("```"), stat.out());
    assertEquals(md.substring(0, md.indexOf("\n\n#### ") + 1), stat.out());
  }

  @Test
  void twoSpecFilesAreCompared() throws Exception {
    Path outside = Files.createTempDirectory(repo.getParent(), "two-files");
    Path oldSpec = outside.resolve("old.appliance");
    Path newSpec = outside.resolve("new.appliance");
    Files.writeString(oldSpec, Files.readString(MINIMAL));
    Files.writeString(newSpec, minimal().replace("    size = 4G\n", ESP_256M));

    Run run = applc("diff", oldSpec.toString(), newSpec.toString());

    assertEquals(0, run.exit(), run.err());
    // The headers name the new spec on both sides: only what the specs change shows.
    Map<String, String> files = run.files();
    assertEquals("M " + ESP_CONF + " (+2 -2)", files.get(ESP_CONF), run.out());
    assertTrue(files.get("manifest.json").startsWith("M manifest.json (+"), run.out());
    assertOnlyModified(files, run);

    assertTrue(run.out().contains("+        \"new.appliance:26:5-26:34\"\n"), run.out());
    assertFalse(run.out().contains(outside.toString()), run.out());

    Run markdown = applc("diff", "--format=markdown", oldSpec.toString(), newSpec.toString());
    assertTrue(
        markdown
            .out()
            .startsWith(
                "### Generated files of `new.appliance`\n\n`old.appliance` against"
                    + " `new.appliance`: "),
        markdown.out());
  }

  @Test
  void theOldSideReadsImportsAtTheRevisionNotInTheWorkTree() throws Exception {
    String layout =
        """
        applc 1

        layout small {
          partition esp {
            type = esp
            size = SIZE
          }
          partition var {
            type  = var
            size  = grow
            mount = "/var"
          }
        }
        """;
    write("layouts/small.appliance", layout.replace("SIZE", "512M"));
    write(
        "specs/kiosk/kiosk.appliance",
        """
        applc 1

        import std:boards/x86_64-uefi
        import "../../layouts/small.appliance"

        appliance kiosk {
          version = "0.1.0"
          board   = x86_64-uefi

          os debian bookworm {
            packages = [linux-image-amd64, systemd-sysv]
          }

          disk extends small {
            size = 2G
          }
        }
        """);
    commit("kiosk");
    write("layouts/small.appliance", layout.replace("SIZE", "256M"));
    commit("smaller esp in the layout only");
    // The work tree's layout differs from both commits; the old side must not see it.
    write("layouts/small.appliance", layout.replace("SIZE", "300M"));
    Map<String, String> before = snapshot();

    Run run = applc("diff", "HEAD~1", repo.resolve("specs/kiosk/kiosk.appliance").toString());

    assertEquals(0, run.exit(), run.err());
    Map<String, String> files = run.files();
    assertEquals("M " + ESP_CONF + " (+2 -2)", files.get(ESP_CONF), run.out());
    assertTrue(files.get("manifest.json").startsWith("M manifest.json (+"), run.out());
    assertOnlyModified(files, run);
    assertTrue(run.out().contains("-SizeMinBytes=536870912\n"), run.out());
    assertTrue(run.out().contains("+SizeMinBytes=314572800\n"), run.out());
    assertEquals(before, snapshot(), "the work tree or the index changed");

    // With the layout gone from the work tree, the old side still has it.
    Files.delete(repo.resolve("layouts/small.appliance"));
    Run gone = applc("diff", "HEAD~1", repo.resolve("specs/kiosk/kiosk.appliance").toString());
    assertEquals(1, gone.exit());
    assertTrue(gone.err().contains("cannot find `layouts/small.appliance`"), gone.err());
    assertTrue(
        gone.err()
            .contains("cannot compare: `specs/kiosk/kiosk.appliance` in the work tree has errors"),
        gone.err());
    assertFalse(gone.err().contains(" at `HEAD~1`"), gone.err());
  }

  @Test
  void anOldSideWithErrorsIsReportedAsSuch() throws Exception {
    write(SPEC, minimal().replaceFirst("board\\s*=\\s*x86_64-uefi", "board = no-such-board"));
    commit("broken");
    write(SPEC, Files.readString(MINIMAL));

    Run run = applc("diff", "HEAD", spec());

    assertEquals(1, run.exit());
    assertEquals("", run.out());
    assertTrue(run.err().contains("error["), run.err());
    assertTrue(run.err().contains("--> specs/minimal/minimal.appliance:"), run.err());
    assertTrue(
        run.err()
            .matches(
                "(?s).*cannot compare: `specs/minimal/minimal\\.appliance` at `HEAD` \\(commit"
                    + " `[0-9a-f]{7}`\\) has errors\n"),
        run.err());
  }

  @Test
  void anUnknownRevisionIsAUsageError() throws Exception {
    write(SPEC, Files.readString(MINIMAL));
    commit("minimal");

    Run unknown = applc("diff", "no-such-branch", spec());
    assertEquals(2, unknown.exit());
    assertTrue(
        unknown.err().startsWith("unknown revision `no-such-branch`: no commit has that name\n"),
        unknown.err());
    assertEquals("", unknown.out());

    Run beforeFirst = applc("diff", "HEAD~1", spec()); // One commit: HEAD~1 does not exist.
    assertEquals(2, beforeFirst.exit());
    assertTrue(beforeFirst.err().startsWith("unknown revision `HEAD~1`"), beforeFirst.err());
  }

  @Test
  void aSpecOutsideARepositoryIsAUsageError() throws Exception {
    Path outside = Files.createTempDirectory(repo.getParent(), "no-repo");
    Path spec = outside.resolve("x.appliance");
    Files.writeString(spec, Files.readString(MINIMAL));
    Run run = applc("diff", "HEAD", spec.toString());
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("is not in a git repository"), run.err());
  }

  @Test
  void noDifferenceIsExitZeroAndExitCodeTellsDifferencesApart() throws Exception {
    write(SPEC, Files.readString(MINIMAL));
    commit("minimal");

    Run same = applc("diff", "HEAD", spec());
    assertEquals(0, same.exit(), same.err());
    assertEquals("", same.out());
    assertTrue(
        same.err().matches("no differences: both sides generate the same \\d+ files\n"),
        same.err());
    assertEquals(0, applc("diff", "--exit-code", "HEAD", spec()).exit());

    write(SPEC, minimal().replace("    size = 4G\n", ESP_256M));
    assertEquals(0, applc("diff", "HEAD", spec()).exit());
    assertEquals(1, applc("diff", "--exit-code", "HEAD", spec()).exit());
  }

  @Test
  void aSpecNewSinceTheRevisionShowsEveryFileAsAdded() throws Exception {
    write("README", "nothing yet\n");
    commit("empty");
    write(SPEC, Files.readString(MINIMAL));

    Run run = applc("diff", "--stat", "HEAD", spec());

    assertEquals(0, run.exit(), run.err());
    assertTrue(run.files().containsKey(ESP_CONF), run.out());
    assertTrue(run.files().values().stream().allMatch(l -> l.startsWith("A ")), run.out());
    assertTrue(run.err().contains("does not exist at `HEAD`: every file shows as added"));
  }

  @Test
  void outputIsDeterministicAndHoldsNoMachinePaths() throws Exception {
    write(SPEC, Files.readString(MINIMAL));
    commit("minimal");
    write(SPEC, minimal().replace("    size = 4G\n", DATA.replace("size = 4G", "size = 6G")));

    for (String format : List.of("text", "markdown")) {
      Run first = applc("diff", "--format", format, "HEAD", spec());
      Run second = applc("diff", "--format", format, "HEAD", spec());
      assertEquals(0, first.exit(), first.err());
      assertEquals(first, second);
      assertFalse(first.out().contains(repo.toString()), first.out());
      assertFalse(first.out().contains(repo.toRealPath().toString()), first.out());
    }
  }

  // --- helpers

  /** Only modifications, and none to the definitions of partitions the change leaves alone. */
  private static void assertOnlyModified(Map<String, String> files, Run run) {
    assertTrue(files.values().stream().allMatch(l -> l.startsWith("M ")), run.out());
    assertUntouched(files, run);
  }

  private static void assertUntouched(Map<String, String> files, Run run, String... more) {
    List<String> untouched = Stream.concat(OTHER_PARTITIONS.stream(), Stream.of(more)).toList();
    for (String path : files.keySet()) {
      for (String name : untouched) {
        assertFalse(path.endsWith("/" + name + ".conf"), path + " changed:\n" + run.out());
      }
    }
  }

  private static Run applc(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    Charset charset = Charset.defaultCharset();
    int exit;
    try {
      System.setOut(new PrintStream(stdout, true, charset));
      System.setErr(new PrintStream(stderr, true, charset));
      String[] all =
          Stream.concat(Stream.of(args), Stream.of("--color=never")).toArray(String[]::new);
      exit = Main.run(all);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new Run(exit, stdout.toString(charset), stderr.toString(charset));
  }

  private String spec() {
    return repo.resolve(SPEC).toString();
  }

  private static String minimal() throws IOException {
    String text = Files.readString(MINIMAL);
    assertTrue(text.contains("    size = 4G\n"), "specs/minimal changed: update this test");
    assertTrue(
        text.contains("  board   = x86_64-uefi\n"), "specs/minimal changed: update this test");
    return text;
  }

  private void write(String path, String text) throws IOException {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private void commit(String message) throws Exception {
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    // A fixed time: the same commits, and so the same ids, on every run.
    PersonIdent who =
        new PersonIdent(
            "applc test",
            "test@applc.dev",
            Instant.ofEpochSecond(1_800_000_000L + commits++),
            ZoneOffset.UTC);
    git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
  }

  private org.eclipse.jgit.lib.ObjectId head() throws IOException {
    return git.getRepository().resolve("HEAD");
  }

  /** Every file of the work tree and of .git's index, to see that diff changed nothing. */
  private Map<String, String> snapshot() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(repo)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String name = repo.relativize(p).toString().replace('\\', '/');
        if (!name.startsWith(".git/") || name.equals(".git/index")) {
          files.put(name, HexFormat.of().formatHex(Files.readAllBytes(p)));
        }
      }
    }
    return files;
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
