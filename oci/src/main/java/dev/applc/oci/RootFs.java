package dev.applc.oci;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The target folder seen as a root file system, the way a chroot sees it. Every parent of an entry
 * is resolved component by component without letting the kernel follow a symlink: a symlink found
 * on the way is read and resolved here, an absolute target from the root and {@code ..} stopping at
 * the root. Only the last component is ever created or deleted, and never through a symlink. So no
 * entry of a layer, whatever symlinks earlier entries planted, reaches outside.
 *
 * <p>This relies on nothing else changing the target while a layer is applied.
 */
final class RootFs {
  /** As Linux's limit on symlinks followed in one lookup (ELOOP). */
  private static final int MAX_SYMLINKS = 40;

  private final Path root;
  private final List<Path> createdParents = new ArrayList<>();

  /** The root must be an existing directory; its own path may go through symlinks. */
  RootFs(Path root) throws IOException {
    this.root = root.toRealPath();
    if (!Files.isDirectory(this.root)) {
      throw new OciException(root + " is not a directory");
    }
  }

  Path root() {
    return root;
  }

  /**
   * The real directory that holds {@code path}'s last component. With {@code create}, missing
   * directories on the way are made (see {@link #takeCreatedParents}); without it, a missing one
   * gives null. A component that is neither a directory nor a symlink to one is an error.
   */
  Path parentOf(EntryPath path, boolean create) throws IOException {
    Deque<String> todo = new ArrayDeque<>(path.parent());
    List<String> resolved = new ArrayList<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String component = todo.pop();
      if (component.isEmpty() || component.equals(".")) {
        continue;
      }
      if (component.equals("..")) {
        if (!resolved.isEmpty()) {
          resolved.remove(resolved.size() - 1);
        }
        continue;
      }
      Path next = resolve(resolved).resolve(component);
      PosixFileAttributes attributes = lstat(next);
      if (attributes == null) {
        if (!create) {
          return null;
        }
        Files.createDirectory(next);
        createdParents.add(next);
        resolved.add(component);
      } else if (attributes.isSymbolicLink()) {
        if (++links > MAX_SYMLINKS) {
          throw new OciException(
              "layer entry `" + path + "`: too many levels of symbolic links in its parents");
        }
        String target = Files.readSymbolicLink(next).toString();
        if (target.startsWith("/")) {
          resolved.clear();
        }
        String[] parts = target.split("/", -1);
        for (int i = parts.length - 1; i >= 0; i--) {
          todo.push(parts[i]);
        }
      } else if (attributes.isDirectory()) {
        resolved.add(component);
      } else {
        throw new OciException(
            "layer entry `"
                + path
                + "`: its parent `/"
                + String.join("/", resolved)
                + (resolved.isEmpty() ? "" : "/")
                + component
                + "` is not a directory");
      }
    }
    return resolve(resolved);
  }

  private Path resolve(List<String> components) {
    Path path = root;
    for (String component : components) {
      path = path.resolve(component);
    }
    return path;
  }

  /** The directories that {@link #parentOf} made since the last call. */
  List<Path> takeCreatedParents() {
    List<Path> created = List.copyOf(createdParents);
    createdParents.clear();
    return created;
  }

  /** The file's own attributes (a symlink's, not its target's), or null when there is none. */
  static PosixFileAttributes lstat(Path path) throws IOException {
    try {
      return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Deletes whatever is at {@code path}: a directory with its content, never through a link. */
  static void remove(Path path) throws IOException {
    PosixFileAttributes attributes = lstat(path);
    if (attributes == null) {
      return;
    }
    if (!attributes.isDirectory()) {
      Files.delete(path);
      return;
    }
    // walkFileTree does not follow symlinks unless asked: a link inside is deleted as a link.
    Files.walkFileTree(
        path,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
