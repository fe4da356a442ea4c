package dev.applc.oci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * An image layout packed in an uncompressed tar archive, as {@code skopeo copy ... oci-archive:}
 * and {@code docker save} write it. Read in place: {@link TarFile} seeks to each blob, so a large
 * image is neither extracted nor held in memory.
 */
final class LayoutArchive implements LayoutSource {
  private final Path path;
  private final TarFile tar;
  private final Map<String, TarArchiveEntry> entries = new HashMap<>();

  private LayoutArchive(Path path, TarFile tar) {
    this.path = path;
    this.tar = tar;
    for (TarArchiveEntry entry : tar.getEntries()) {
      String name = entry.getName();
      while (name.startsWith("./")) {
        name = name.substring(2);
      }
      entries.put(name, entry);
    }
  }

  static LayoutArchive open(Path path) throws IOException {
    TarFile tar;
    try {
      tar = new TarFile(path.toFile());
    } catch (IOException | IllegalArgumentException e) {
      throw new OciException(
          path + ": not an OCI image layout directory or tar archive (" + e.getMessage() + ")", e);
    }
    return new LayoutArchive(path, tar);
  }

  @Override
  public InputStream open(String name) throws IOException {
    TarArchiveEntry entry = entries.get(name);
    if (entry == null) {
      return null;
    }
    if (!entry.isFile()) {
      throw new OciException(path + ": `" + name + "` in the archive is not a regular file");
    }
    return tar.getInputStream(entry);
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }
}
