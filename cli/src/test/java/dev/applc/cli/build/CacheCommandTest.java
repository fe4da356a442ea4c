package dev.applc.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.build.Cache;
import dev.applc.cli.keys.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code applc cache prune} on a cache laid out as the build runner lays it out (the same one as
 * CacheTest in the build module, which tests the pruning itself).
 */
class CacheCommandTest {
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

  @Test
  void theCommandPrunesAnOutputFoldersCache() throws Exception {
    Path out = cache.resolve("out");
    Files.createDirectories(out);
    Files.move(
        cache.resolve("aaaa"), Files.createDirectories(out.resolve("cache")).resolve("aaaa"));
    Cli.Run run = Cli.applc("cache", "prune", "-o", out.toString(), "--keep=0");
    assertEquals(0, run.exit(), run.all());
    assertTrue(run.err().contains("removed 1 checkpoint ("), run.err());
    assertTrue(run.err().contains("kept 0 checkpoints (0 bytes)"), run.err());
    assertFalse(Files.exists(out.resolve("cache/aaaa")));

    Cli.Run both = Cli.applc("cache", "prune", "--cache", cache.toString());
    assertEquals(2, both.exit(), both.all());
    Cli.Run bad = Cli.applc("cache", "prune", "--cache", cache.toString(), "--max-size=lots");
    assertEquals(2, bad.exit(), bad.all());
    assertTrue(bad.err().contains("is not a size"), bad.err());
  }
}
