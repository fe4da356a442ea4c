package dev.applc.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.cli.keys.Cli;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `applc compile` in its own process, killed (SIGKILL) at random moments: after every kill OUT is
 * the complete old tree or the complete new one, and the next compile leaves nothing else beside
 * OUT than its tree.
 */
class OutputSwapKillTest {
  private static final int KILLS = 50;
  private static final long SEED = 20240601L;

  @TempDir Path dir;

  @Test
  void aKillAtAnyMomentLeavesTheOldOrTheNewTree() throws Exception {
    Path spec = OutputFolderCliTest.spec(dir);
    String versionA = Files.readString(spec);
    String versionB = versionA.replace("version = \"0.1.0\"", "version = \"0.2.0\"");
    assertTrue(!versionA.equals(versionB), "the spec's version should be 0.1.0");
    TreeMap<String, byte[]> treeA = reference(versionA, "ref-a");
    TreeMap<String, byte[]> treeB = reference(versionB, "ref-b");

    Path out = dir.resolve("out");
    Files.writeString(spec, versionA);
    compileInProcess(spec, out);
    TreeMap<String, byte[]> current = treeA;
    long fullRun = timedRun(spec, out);

    Random random = new Random(SEED);
    int killedWhileWriting = 0;
    for (int i = 0; i < KILLS; i++) {
      boolean toB = i % 2 == 0;
      Files.writeString(spec, toB ? versionB : versionA);
      TreeMap<String, byte[]> next = toB ? treeB : treeA;
      String currentTree = linkTarget(out);
      Process p = start(spec, out);
      if (random.nextBoolean()) {
        Thread.sleep(random.nextLong(fullRun + 1));
      } else {
        // Aim at the write and the swap: wait for the new tree, then a few microseconds more.
        waitForNewTree(p, currentTree);
        long until = System.nanoTime() + random.nextLong(20_000_000);
        while (System.nanoTime() < until) {
          Thread.onSpinWait();
        }
      }
      killedWhileWriting += stagingExists(currentTree) ? 1 : 0;
      p.destroyForcibly();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the killed applc did not end");

      TreeMap<String, byte[]> seen = read(out);
      boolean isOld = same(seen, current);
      boolean isNew = same(seen, next);
      assertTrue(isOld || isNew, "kill " + i + ": OUT is neither tree: " + seen.keySet());

      compileInProcess(spec, out);
      current = next;
      assertEquals(
          List.of(),
          leftovers(out),
          "kill " + i + ": the next compile should leave only OUT and its tree");
      assertTrue(same(read(out), next), "kill " + i + ": the next compile wrote another tree");
    }
    assertTrue(
        killedWhileWriting >= 5,
        "only " + killedWhileWriting + " kills hit a compile while it wrote its tree");
  }

  private TreeMap<String, byte[]> reference(String text, String name) throws IOException {
    Path folder = Files.createDirectory(dir.resolve(name));
    Path spec = folder.resolve("minimal.appliance");
    Files.writeString(spec, text);
    Path out = folder.resolve("out");
    compileInProcess(spec, out);
    return read(out);
  }

  private static void compileInProcess(Path spec, Path out) {
    Cli.Run r = Cli.applc("compile", spec.toString(), "-o", out.toString());
    assertEquals(0, r.exit(), r.all());
  }

  /** How long a whole compile in its own process takes, in milliseconds. */
  private static long timedRun(Path spec, Path out) throws Exception {
    long start = System.nanoTime();
    Process p = start(spec, out);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  private static Process start(Path spec, Path out) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.applc.cli.Main",
                "compile",
                spec.toString(),
                "-o",
                out.toString()));
    return new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /** The tree OUT links to, or "" when OUT is a folder. */
  private static String linkTarget(Path out) throws IOException {
    return Files.isSymbolicLink(out) ? Files.readSymbolicLink(out).toString() : "";
  }

  /** What is beside OUT other than the spec, the reference trees, OUT and the tree it links to. */
  private List<String> leftovers(Path out) throws IOException {
    List<String> keep = List.of("minimal.appliance", "out", "ref-a", "ref-b", linkTarget(out));
    return names(dir).stream().filter(n -> !keep.contains(n)).toList();
  }

  private void waitForNewTree(Process p, String currentTree) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (p.isAlive() && System.nanoTime() < deadline && !stagingExists(currentTree)) {
      Thread.onSpinWait();
    }
  }

  private boolean stagingExists(String currentTree) throws IOException {
    return names(dir).stream().anyMatch(n -> n.startsWith(".out.") && !n.equals(currentTree));
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Every file under OUT (through its link) by relative path. */
  private static TreeMap<String, byte[]> read(Path out) throws IOException {
    TreeMap<String, byte[]> files = new TreeMap<>();
    if (!Files.isDirectory(out)) {
      return files;
    }
    Path root = out.toRealPath();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        files.put(
            root.relativize(p).toString().replace(File.separatorChar, '/'), Files.readAllBytes(p));
      }
    }
    return files;
  }

  private static boolean same(TreeMap<String, byte[]> a, TreeMap<String, byte[]> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    return a.keySet().stream().allMatch(k -> Arrays.equals(a.get(k), b.get(k)));
  }
}
