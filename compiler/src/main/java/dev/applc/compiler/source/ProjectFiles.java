package dev.applc.compiler.source;

import dev.applc.compiler.diag.Code;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Spec files on disk, confined to a {@link ProjectFolder}: names resolve against a base folder (the
 * working directory, as the user typed them), and only regular files inside the project of at most
 * {@link Limits#MAX_FILE_BYTES} are read. Anything else is refused with a reason, never read: a
 * FIFO would block, {@code /dev/zero} never ends, {@code /proc/self/environ} holds secrets.
 */
public final class ProjectFiles implements SourceProvider {
  private final Path base;
  private final ProjectFolder project;

  public ProjectFiles(Path base, ProjectFolder project) {
    this.base = base;
    this.project = project;
  }

  public ProjectFolder project() {
    return project;
  }

  /** Where a file name lies on disk; empty for names that are not paths. */
  public Optional<Path> path(String name) {
    if (name.startsWith(STD_SCHEME)) {
      return Optional.empty();
    }
    return ProjectFolder.resolve(base, name);
  }

  @Override
  public Optional<ProjectFiles> files() {
    return Optional.of(this);
  }

  @Override
  public Optional<String> read(String name) throws IOException {
    if (name.startsWith(STD_SCHEME)) {
      return SourceProvider.standardLibrary(name);
    }
    Optional<Path> resolved = path(name);
    if (resolved.isEmpty()) {
      throw new SourceRefused(
          Code.IMPORT_OUTSIDE_PROJECT,
          "`" + printable(name) + "` is not a file name",
          "not a file name",
          "name a `.appliance` file of the project, relative to the importing file");
    }
    Path p = resolved.get();
    if (!project.containsLexically(p)) {
      throw outside(name, "above the project folder");
    }
    if (!Files.exists(p)) {
      return Optional.empty();
    }
    if (!project.containsReally(p)) {
      throw outside(name, "a link that leads outside the project");
    }
    BasicFileAttributes attributes = Files.readAttributes(p, BasicFileAttributes.class);
    if (attributes.isDirectory()) {
      return Optional.empty();
    }
    if (!attributes.isRegularFile()) {
      throw new SourceRefused(
          Code.IMPORT_NOT_A_SPEC,
          "`" + name + "` is not a regular file",
          "a device, FIFO or socket",
          "import `.appliance` files only");
    }
    if (attributes.size() > Limits.MAX_FILE_BYTES) {
      throw new TooLargeException(name); // APL0011, before a byte is read
    }
    // Read the file the checks were made on, not a link that may change meanwhile.
    return Optional.of(SourceProvider.readLimited(p.toRealPath(), name));
  }

  private static SourceRefused outside(String name, String label) {
    return new SourceRefused(
        Code.IMPORT_OUTSIDE_PROJECT,
        "`" + name + "` is outside the project folder",
        label,
        "keep imported files inside the project folder (the spec's folder unless `--project DIR`"
            + " names a wider one)");
  }

  /** A name with control characters shown as escapes, so that a message prints on one line. */
  static String printable(String name) {
    StringBuilder out = new StringBuilder();
    name.codePoints()
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }
}
