package dev.applc.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    Map<String, Long> known = chunks(previous);
    long chunks = 0;
    long newChunks = 0;
    long bytes = 0;
    long newBytes = 0;
    for (Map.Entry<String, Long> chunk : chunks(current).entrySet()) {
      chunks++;
      bytes += chunk.getValue();
      if (!known.containsKey(chunk.getKey())) {
        newChunks++;
        newBytes += chunk.getValue();
      }
    }
    return new ChunkDelta(chunks, newChunks, bytes, newBytes);
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

  /** The chunks of some stores by name, with their sizes; a chunk in two stores counts once. */
  private static Map<String, Long> chunks(List<Path> stores) throws IOException {
    Map<String, Long> chunks = new HashMap<>();
    for (Path store : stores) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(store)) {
        files =
            walk.filter(p -> p.getFileName().toString().endsWith(CHUNK))
                .filter(Files::isRegularFile)
                .toList();
      }
      for (Path file : files) {
        chunks.putIfAbsent(file.getFileName().toString(), Files.size(file));
      }
    }
    return chunks;
  }
}
