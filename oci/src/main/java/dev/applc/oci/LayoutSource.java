package dev.applc.oci;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of an OCI image layout ({@code oci-layout}, {@code index.json}, {@code blobs/...}),
 * read from a directory or from a tar archive of one.
 */
interface LayoutSource extends Closeable {
  /** Opens a file of the layout by its relative name, or returns null when it has none. */
  InputStream open(String name) throws IOException;

  /** Opens a layout directory, or a tar archive (such as skopeo's {@code oci-archive:}). */
  static LayoutSource open(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      return new LayoutDirectory(path);
    }
    if (Files.isRegularFile(path)) {
      return LayoutArchive.open(path);
    }
    throw new OciException(path + ": no such OCI image layout directory or archive");
  }
}
