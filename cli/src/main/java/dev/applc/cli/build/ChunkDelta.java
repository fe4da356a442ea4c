package dev.applc.cli.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a device that has one build must download to update to the next, for casync delta updates:
 * the chunks of the new build's chunk stores ({@code NAME.castr/XXXX/ID.cacnk}, compressed as
 * served) that no store of the previous build has. A chunk's file name is the hash of its content,
 * so equal names are equal chunks.
 *
 * @param chunks the chunks of the new build
 * @param newChunks those the previous build lacks
 * @param bytes the size of all the new build's chunk files
 * @param newBytes the size of the chunk files the previous build lacks: the download
 */
public record ChunkDelta(long chunks, long newChunks, long bytes, long newBytes) {
  static final String STORE = ".castr";
  static final String CHUNK = ".cacnk";

  /** The chunk stores among a build's images: the folders named {@code *.castr}. */
  public static List<Path> stores(Path images) throws IOException {
    if (!Files.isDirectory(images)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(images)) {
      return s.filter(p -> p.getFileName().toString().endsWith(STORE))
          .filter(Files::isDirectory)
          .sorted()
          .toList();
    }
  }

  public static ChunkDelta between(List<Path> previous, List<Path> current) throws IOException {
    Set<String> known = new HashSet<>();
    for (Path store : previous) {
      forEachChunk(store, (name, size) -> known.add(name));
    }
    long[] totals = new long[4];
    Set<String> seen = new HashSet<>();
    for (Path store : current) {
      forEachChunk(
          store,
          (name, size) -> {
            if (!seen.add(name)) {
              return;
            }
            totals[0]++;
            totals[2] += size;
            if (!known.contains(name)) {
              totals[1]++;
              totals[3] += size;
            }
          });
    }
    return new ChunkDelta(totals[0], totals[1], totals[2], totals[3]);
  }

  /** One line for the build's summary. */
  public String describe() {
    double share = bytes == 0 ? 0 : 100.0 * newBytes / bytes;
    return String.format(
        Locale.ROOT,
        "%d of %d chunks are new: %s of %s to download (%.1f%%)",
        newChunks,
        chunks,
        mib(newBytes),
        mib(bytes),
        share);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }

  private interface ChunkVisitor {
    void visit(String name, long size);
  }

  private static void forEachChunk(Path store, ChunkVisitor visitor) throws IOException {
    try (Stream<Path> files = Files.walk(store)) {
      files
          .filter(p -> p.getFileName().toString().endsWith(CHUNK))
          .filter(Files::isRegularFile)
          .forEach(
              p -> {
                try {
                  visitor.visit(p.getFileName().toString(), Files.size(p));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
