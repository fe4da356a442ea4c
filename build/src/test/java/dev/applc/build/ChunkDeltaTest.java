package dev.applc.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delta between two builds' casync chunk stores, on stores laid out as casync lays them. */
class ChunkDeltaTest {
  @TempDir Path dir;

  @Test
  void countsTheChunksAndBytesThePreviousBuildLacks() throws Exception {
    Path old = dir.resolve("old/images");
    chunk(old.resolve("v1.castr"), "aaaa01", 100);
    chunk(old.resolve("v1.castr"), "bbbb02", 200);
    Path images = dir.resolve("new/images");
    chunk(images.resolve("v2.castr"), "aaaa01", 100);
    chunk(images.resolve("v2.castr"), "cccc03", 300);
    chunk(images.resolve("v2.castr"), "dddd04", 1024 * 1024);
    Files.writeString(images.resolve("v2.raucb"), "not a store");

    List<Path> stores = ChunkDelta.stores(images);
    assertEquals(List.of(images.resolve("v2.castr")), stores);
    ChunkDelta delta = ChunkDelta.between(ChunkDelta.stores(old), stores);
    assertEquals(new ChunkDelta(3, 2, 100 + 300 + 1024 * 1024, 300 + 1024 * 1024), delta);
    assertEquals(
        "2 of 3 chunks are new: 1.0 MiB of 1.0 MiB to download (100.0%)", delta.describe());
  }

  @Test
  void aChunkInTwoStoresOfOneBuildCountsOnce() throws Exception {
    Path images = dir.resolve("images");
    chunk(images.resolve("a.castr"), "aaaa01", 100);
    chunk(images.resolve("b.castr"), "aaaa01", 100);
    ChunkDelta delta = ChunkDelta.between(List.of(), ChunkDelta.stores(images));
    assertEquals(new ChunkDelta(1, 1, 100, 100), delta);
  }

  @Test
  void identicalBuildsNeedNoDownload() throws Exception {
    Path a = dir.resolve("a/images/x.castr");
    Path b = dir.resolve("b/images/x.castr");
    for (Path store : List.of(a, b)) {
      chunk(store, "aaaa01", 4096);
      chunk(store, "bbbb02", 4096);
    }
    ChunkDelta delta =
        ChunkDelta.between(
            ChunkDelta.stores(dir.resolve("a/images")), ChunkDelta.stores(dir.resolve("b/images")));
    assertEquals("0 of 2 chunks are new: 0.0 MiB of 0.0 MiB to download (0.0%)", delta.describe());
  }

  @Test
  void aMissingImagesFolderHasNoStores() throws Exception {
    assertEquals(List.of(), ChunkDelta.stores(dir.resolve("nothing")));
  }

  /** A chunk file as casync stores it: {@code STORE/XXXX/ID.cacnk}, XXXX the ID's first four. */
  private static void chunk(Path store, String id, int size) throws Exception {
    Path file = store.resolve(id.substring(0, 4)).resolve(id + ChunkDelta.CHUNK);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[size]);
  }
}
