package dev.applc.cli.diff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Spec files named the same way wherever applc runs: relative to a base folder (the work tree or
 * the folder two specs share), with forward slashes, so that no machine's paths reach the output.
 */
public final class SpecPaths {
  private SpecPaths() {}

  /**
   * The absolute path with symbolic links resolved as far as the path exists; the rest (a file that
   * does not exist in the work tree) is kept as written, normalized.
   */
  public static Path real(Path path) throws IOException {
    Path absolute = path.toAbsolutePath().normalize();
    Path existing = absolute;
    List<Path> rest = new ArrayList<>();
    while (existing != null && !Files.exists(existing)) {
      rest.add(0, existing.getFileName());
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute;
    }
    Path out = existing.toRealPath();
    for (Path part : rest) {
      out = out.resolve(part);
    }
    return out;
  }

  /** The nearest folder of a file that exists: where to start looking for its repository. */
  public static Path existingFolder(Path file) {
    Path folder = file.getParent();
    while (folder != null && !Files.isDirectory(folder)) {
      folder = folder.getParent();
    }
    return folder == null ? file.getRoot() : folder;
  }

  /** {@code file} relative to {@code base}, with forward slashes. Both must be real paths. */
  public static String relative(Path base, Path file) {
    List<String> parts = new ArrayList<>();
    for (Path part : base.relativize(file)) {
      parts.add(part.toString());
    }
    return String.join("/", parts);
  }

  /** The deepest folder that holds both files. Both must be real paths. */
  public static Path commonFolder(Path a, Path b) {
    Path folder = a.getParent();
    while (folder != null && !b.startsWith(folder)) {
      folder = folder.getParent();
    }
    return folder == null ? a.getRoot() : folder;
  }
}
