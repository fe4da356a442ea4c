package dev.applc.oci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** An image layout as a directory. */
final class LayoutDirectory implements LayoutSource {
  private final Path root;

  LayoutDirectory(Path root) {
    this.root = root;
  }

  @Override
  public InputStream open(String name) throws IOException {
    // Names are fixed ones or Digest#blobPath, whose hex Digest has checked: no `..` can come in.
    try {
      return Files.newInputStream(root.resolve(name));
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  @Override
  public void close() {}
}
