package dev.applc.compiler.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The folder every file a spec reads must lie in: its imports, file sources, overlays and key
 * files. By default the folder of the spec given to {@code applc}; {@code --project DIR} widens it,
 * the language server uses its workspace. A path is inside when it is both written inside
 * (lexically, after {@code ..} is resolved) and, once symbolic links are followed, still inside: a
 * link in the project that points at {@code /etc} leads outside.
 */
public record ProjectFolder(Path root) {
  public ProjectFolder {
    root = root.toAbsolutePath().normalize();
  }

  public static ProjectFolder of(Path folder) {
    return new ProjectFolder(folder);
  }

  /** An absolute, normalized path for a path relative to {@code base}; empty when not a path. */
  public static Optional<Path> resolve(Path base, String name) {
    try {
      return Optional.of(base.resolve(name).toAbsolutePath().normalize());
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /** Whether an absolute, normalized path is written inside the project. */
  public boolean containsLexically(Path path) {
    return path.startsWith(root);
  }

  /**
   * Whether an existing path, with every link followed, is inside the project. A path that does not
   * exist is judged by its spelling alone.
   */
  public boolean containsReally(Path path) {
    if (!containsLexically(path)) {
      return false;
    }
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return true;
    }
    try {
      return path.toRealPath().startsWith(realRoot());
    } catch (IOException e) {
      // A dangling link, or a loop of links: it leads nowhere inside the project.
      return false;
    }
  }

  private Path realRoot() {
    try {
      return root.toRealPath();
    } catch (IOException e) {
      return root;
    }
  }

  /** A path as messages show it: relative to the project, never an absolute path of the host. */
  public String show(Path path) {
    return containsLexically(path)
        ? root.relativize(path).toString().replace('\\', '/')
        : path.getFileName() == null ? "/" : path.getFileName().toString();
  }
}
