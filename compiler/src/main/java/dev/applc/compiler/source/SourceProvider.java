package dev.applc.compiler.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where spec files come from: the work tree, a git revision, an editor's open buffers. Names are
 * forward-slash paths as the user wrote them (relative to the working directory) or
 * standard-library names ({@code std:boards/rpi4}).
 */
public interface SourceProvider {

  /** The file's text, or empty when there is no such file. */
  Optional<String> read(String name) throws IOException;

  /**
   * Files on disk, names resolved against a base directory; the standard library from the
   * classpath.
   */
  static SourceProvider fileSystem(Path base) {
    return name -> {
      if (name.startsWith(STD_SCHEME)) {
        return standardLibrary(name);
      }
      Path p = base.resolve(name);
      if (!Files.isRegularFile(p)) {
        return Optional.empty();
      }
      return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
    };
  }

  String STD_SCHEME = "std:";

  /** A standard-library file, packaged as a resource {@code std/NAME.appliance}. */
  static Optional<String> standardLibrary(String name) throws IOException {
    String resource = "std/" + name.substring(STD_SCHEME.length()) + ".appliance";
    ClassLoader loader = SourceProvider.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
