package dev.applc.compiler.backend;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes an output tree to a folder so that a kill at any moment leaves the folder either as it was
 * or complete. OUT is a relative symbolic link to a tree beside it, {@code .OUT.applc-tree-XXXX}: a
 * new tree is written beside the old one, a new link to it is made under a temporary name and
 * renamed over OUT (rename(2) replaces a link in one step), and then the old tree is deleted.
 *
 * <p>What a killed run leaves (a half-written tree, a link not yet renamed, an old tree half
 * deleted) is recognised by its name and its applc manifest and deleted by the next run. A tree
 * writes its manifest first and deletes it last, so that a leftover can always be recognised.
 *
 * <p>An OUT that is a real folder applc wrote (before output folders were links) is moved aside and
 * replaced by the link; only a kill between those two renames leaves OUT missing, once, with the
 * old tree kept beside it until the next run.
 */
public final class OutputWriter {
  private OutputWriter() {}

  public static void write(OutputTree tree, Path target) throws IOException {
    Optional<OutputFolder.Refusal> refusal = OutputFolder.checkTree(target);
    if (refusal.isPresent()) {
      throw new OutputFolder.RefusedException(refusal.get());
    }
    Path out = OutputFolder.absolute(target);
    Path parent = out.getParent();
    Files.createDirectories(parent);
    String name = out.getFileName().toString();
    Optional<Path> previous = OutputFolder.currentTree(out);
    deleteLeftovers(parent, name, previous);
    Path staging = Files.createTempDirectory(parent, OutputFolder.treePrefix(name));
    setMode(staging, 0755); // temporary folders are private; the output is not.
    String suffix =
        staging.getFileName().toString().substring(OutputFolder.treePrefix(name).length());
    Path link = parent.resolve(OutputFolder.linkPrefix(name) + suffix);
    try {
      writeFiles(tree, staging);
      Files.createSymbolicLink(link, Path.of(staging.getFileName().toString()));
      if (Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
        previous = Optional.of(moveAside(out, parent, name));
      }
      Files.move(link, out, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(link);
      deleteTree(staging);
      throw e;
    }
    if (previous.isPresent() && Files.exists(previous.get(), LinkOption.NOFOLLOW_LINKS)) {
      deleteTree(previous.get());
    }
  }

  /** The manifest first, so that even a tree whose writing was killed is recognised as applc's. */
  private static void writeFiles(OutputTree tree, Path staging) throws IOException {
    List<OutputFile> files = new ArrayList<>(tree.files());
    files.sort(Comparator.comparing(f -> !f.path().equals(Manifest.PATH)));
    for (OutputFile f : files) {
      Path p = staging.resolve(f.path()).normalize();
      if (!p.startsWith(staging)) {
        throw new IllegalStateException("path escapes the output: " + f.path());
      }
      Files.createDirectories(p.getParent());
      Files.write(p, f.content());
      setMode(p, f.mode());
    }
  }

  /** Moves an output folder written before outputs were links to a tree name beside it. */
  private static Path moveAside(Path out, Path parent, String name) throws IOException {
    Path aside = Files.createTempDirectory(parent, OutputFolder.treePrefix(name));
    Files.delete(aside);
    move(out, aside);
    return aside;
  }

  /**
   * Deletes what killed runs left beside the output: links not yet renamed over it, trees that are
   * not the current one, and the staging folders of applc versions that renamed folders. Each is
   * recognised by its name and, for folders, by holding an applc manifest or nothing else.
   */
  private static void deleteLeftovers(Path parent, String name, Optional<Path> current)
      throws IOException {
    List<Path> siblings;
    try (Stream<Path> s = Files.list(parent)) {
      siblings = s.toList();
    }
    for (Path p : siblings) {
      String n = p.getFileName().toString();
      if (n.startsWith(OutputFolder.linkPrefix(name)) && Files.isSymbolicLink(p)) {
        Files.deleteIfExists(p);
      } else if ((n.startsWith(OutputFolder.treePrefix(name))
              || n.startsWith("." + name + ".new-")
              || n.startsWith("." + name + ".old-"))
          && !current.map(p::equals).orElse(false)
          && OutputFolder.isLeftoverTree(p)) {
        deleteTree(p);
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private static void setMode(Path p, int mode) throws IOException {
    Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ
    };
    for (int i = 0; i < order.length; i++) {
      if ((mode & (1 << i)) != 0) {
        perms.add(order[i]);
      }
    }
    try {
      Files.setPosixFilePermissions(p, perms);
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: modes are recorded in the manifest only.
    }
  }

  /** Deletes a tree, its top manifest last, so that a half-deleted tree is still recognised. */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Path manifest = root.resolve(Manifest.PATH);
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (!file.equals(manifest)) {
              Files.delete(file);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (dir.equals(root)) {
              Files.deleteIfExists(manifest);
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
