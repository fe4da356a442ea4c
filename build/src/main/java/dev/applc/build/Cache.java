package dev.applc.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The cache of a build's checkpoints: {@code CACHE/KEY/work} is a copy of the work folder after the
 * phase whose key is KEY ({@link PhaseRunner}), and {@code CACHE/KEY/used} is touched each time a
 * build makes or restores it, so that pruning removes the least recently used first. A {@code
 * KEY.tmp} folder is a checkpoint that a stopped build left half-copied.
 */
public final class Cache {
  public static final String USED = "used";

  private Cache() {}

  /** One checkpoint: its folder, when a build last used it, and the disk space it takes. */
  public record Checkpoint(Path dir, FileTime lastUsed, long bytes) {}

  /** What {@link #prune} removed and kept. */
  public record Pruned(List<Checkpoint> removed, List<Checkpoint> kept, int leftovers) {
    public Pruned {
      removed = List.copyOf(removed);
      kept = List.copyOf(kept);
    }

    public long removedBytes() {
      return removed.stream().mapToLong(Checkpoint::bytes).sum();
    }

    public long keptBytes() {
      return kept.stream().mapToLong(Checkpoint::bytes).sum();
    }
  }

  /**
   * How much to keep: the {@code keep} most recently used checkpoints, or at most {@code bytes}.
   */
  public sealed interface Limit {
    record Count(int keep) implements Limit {}

    record Size(long bytes) implements Limit {}
  }

  /** Notes that a build has just made or restored the checkpoint in {@code dir}. */
  public static void markUsed(Path dir) throws IOException {
    Path used = dir.resolve(USED);
    if (!Files.exists(used)) {
      Files.writeString(
          used,
          "touched when a build makes or restores this checkpoint; applc cache prune removes the"
              + " least recently used first\n",
          StandardCharsets.UTF_8);
    }
    Files.setLastModifiedTime(used, FileTime.fromMillis(System.currentTimeMillis()));
  }

  /** The checkpoints in {@code cache}, most recently used first. */
  public static List<Checkpoint> checkpoints(Path cache) throws IOException, InterruptedException {
    List<Checkpoint> found = new ArrayList<>();
    if (!Files.isDirectory(cache)) {
      return found;
    }
    try (Stream<Path> s = Files.list(cache)) {
      for (Path dir : s.sorted().toList()) {
        if (Files.isDirectory(dir.resolve("work"))
            && !dir.getFileName().toString().endsWith(".tmp")) {
          Path used = dir.resolve(USED);
          // A checkpoint from before the marker existed: the folder's time is when it was made.
          FileTime time = Files.getLastModifiedTime(Files.exists(used) ? used : dir);
          found.add(new Checkpoint(dir, time, diskUsage(dir)));
        }
      }
    }
    found.sort(Comparator.comparing(Checkpoint::lastUsed).reversed());
    return found;
  }

  /**
   * Removes the least recently used checkpoints until what is left fits {@code limit}, and the
   * half-copied ones of stopped builds.
   */
  public static Pruned prune(Path cache, Limit limit) throws IOException, InterruptedException {
    List<Checkpoint> all = checkpoints(cache);
    List<Checkpoint> kept = new ArrayList<>();
    List<Checkpoint> removed = new ArrayList<>();
    long total = 0;
    for (Checkpoint c : all) {
      boolean fits =
          limit instanceof Limit.Count count
              ? kept.size() < count.keep()
              : total + c.bytes() <= ((Limit.Size) limit).bytes();
      // Once one checkpoint is dropped, so are all older ones: the cache keeps the recent ones.
      if (fits && removed.isEmpty()) {
        kept.add(c);
        total += c.bytes();
      } else {
        removed.add(c);
      }
    }
    for (Checkpoint c : removed) {
      remove(c.dir());
    }
    int leftovers = 0;
    if (Files.isDirectory(cache)) {
      try (Stream<Path> s = Files.list(cache)) {
        for (Path dir : s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
          remove(dir);
          leftovers++;
        }
      }
    }
    return new Pruned(removed, kept, leftovers);
  }

  /** A size such as {@code 500M}, {@code 2G} or {@code 1048576}: bytes, or K, M, G, T (of 1024). */
  public static long parseSize(String text) {
    String t = text.strip().toUpperCase(Locale.ROOT);
    if (t.endsWith("B")) {
      t = t.substring(0, t.length() - 1);
    }
    if (t.endsWith("I")) {
      t = t.substring(0, t.length() - 1);
    }
    long unit = 1;
    if (!t.isEmpty() && "KMGT".indexOf(t.charAt(t.length() - 1)) >= 0) {
      unit = 1L << (10 * ("KMGT".indexOf(t.charAt(t.length() - 1)) + 1));
      t = t.substring(0, t.length() - 1);
    }
    if (!t.matches("[0-9]{1,12}")) {
      throw new IllegalArgumentException(
          "`" + text + "` is not a size: give bytes or a number with K, M, G or T, such as 2G");
    }
    return Long.parseLong(t) * unit;
  }

  /** A size for people: {@code 2.7 GiB}. */
  public static String describe(long bytes) {
    String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /** The disk space a folder takes (du: sparse images count for the blocks they use). */
  private static long diskUsage(Path dir) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("du", "-s", "-B1", "--", dir.toString()).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.getErrorStream().readAllBytes();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException("du -s " + dir + " failed");
    }
    return Long.parseLong(out.strip().split("\\s+")[0]);
  }

  private static void remove(Path dir) throws IOException, InterruptedException {
    // rm, not a Java walk: a root file system holds links, device nodes and read-only folders.
    Process p =
        new ProcessBuilder("rm", "-rf", "--", dir.toString()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException("rm -rf " + dir + " failed: " + out.strip());
    }
  }
}
