package dev.applc.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pruning a cache laid out as {@link PhaseRunner} lays it out: three checkpoints of 1, 2 and 3 MiB,
 * used an hour, a day and a week ago, and the half-copied checkpoint of a stopped build.
 */
class CacheTest {
  private static final long MIB = 1024 * 1024;

  @TempDir Path cache;

  @BeforeEach
  void checkpoints() throws IOException {
    checkpoint("aaaa", MIB, 3600);
    checkpoint("bbbb", 2 * MIB, 86400);
    checkpoint("cccc", 3 * MIB, 7 * 86400);
    Files.createDirectories(cache.resolve("dddd.tmp/work"));
  }

  private void checkpoint(String key, long bytes, long secondsAgo) throws IOException {
    Path dir = cache.resolve(key);
    Files.createDirectories(dir.resolve("work"));
    Files.write(dir.resolve("work/rootfs.img"), new byte[(int) bytes]);
    Cache.markUsed(dir);
    Files.setLastModifiedTime(
        dir.resolve(Cache.USED),
        FileTime.fromMillis(System.currentTimeMillis() - secondsAgo * 1000));
  }

  private List<String> left() throws Exception {
    return Cache.checkpoints(cache).stream().map(c -> c.dir().getFileName().toString()).toList();
  }

  @Test
  void theMostRecentlyUsedComeFirst() throws Exception {
    assertEquals(List.of("aaaa", "bbbb", "cccc"), left());
    assertTrue(Cache.checkpoints(cache).get(2).bytes() >= 3 * MIB);
  }

  @Test
  void keepRemovesTheLeastRecentlyUsedAndWhatStoppedBuildsLeft() throws Exception {
    Cache.Pruned pruned = Cache.prune(cache, new Cache.Limit.Count(1));
    assertEquals(List.of("aaaa"), left());
    assertEquals(2, pruned.removed().size());
    assertEquals(1, pruned.leftovers());
    assertFalse(Files.exists(cache.resolve("dddd.tmp")));
    assertTrue(pruned.removedBytes() >= 5 * MIB);
  }

  @Test
  void maxSizeKeepsTheRecentOnesThatFit() throws Exception {
    Cache.prune(cache, new Cache.Limit.Size(Cache.parseSize("4M")));
    assertEquals(List.of("aaaa", "bbbb"), left());
    Cache.prune(cache, new Cache.Limit.Size(0));
    assertEquals(List.of(), left());
  }

  @Test
  void aCheckpointUsedAgainMovesToTheFront() throws Exception {
    Cache.markUsed(cache.resolve("cccc"));
    Cache.prune(cache, new Cache.Limit.Count(1));
    assertEquals(List.of("cccc"), left());
  }

  @Test
  void sizesReadAsPeopleWriteThem() {
    assertEquals(5L << 30, Cache.parseSize("5G"));
    assertEquals(500L << 20, Cache.parseSize("500MiB"));
    assertEquals(1234, Cache.parseSize("1234"));
    assertThrows(IllegalArgumentException.class, () -> Cache.parseSize("lots"));
    assertEquals("2.7 GiB", Cache.describe((long) (2.7 * (1L << 30))));
  }
}
