package dev.applc.compiler.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
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
   * The files on disk behind this provider, when it reads a project folder: the compiler checks the
   * spec's inputs (file sources, overlays) there. Empty for other providers (a git revision).
   */
  default Optional<ProjectFiles> files() {
    return Optional.empty();
  }

  /**
   * Files on disk, names resolved against a base directory that is also the project folder; the
   * standard library from the classpath.
   */
  static SourceProvider fileSystem(Path base) {
    return project(base, base);
  }

  /** Files on disk, names resolved against {@code base}, confined to the {@code project} folder. */
  static ProjectFiles project(Path base, Path project) {
    return new ProjectFiles(base, ProjectFolder.of(project));
  }

  /**
   * A file's text as strict UTF-8, reading at most {@link Limits#MAX_FILE_BYTES} + 1 bytes: a
   * gigabyte file (or {@code /dev/zero} behind a link) is refused, not loaded into memory.
   *
   * @throws TooLargeException when the file is larger than the limit
   * @throws java.nio.charset.CharacterCodingException when it is not UTF-8
   */
  static String readLimited(Path p, String name) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(p)) {
      bytes = in.readNBytes(Limits.MAX_FILE_BYTES + 1);
    }
    if (bytes.length > Limits.MAX_FILE_BYTES) {
      throw new TooLargeException(name);
    }
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
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
