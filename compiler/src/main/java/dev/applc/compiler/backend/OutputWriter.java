package dev.applc.compiler.backend;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Writes an output tree to a folder as one step: everything goes to a temporary folder beside the
 * target, which then replaces the target by rename. A failed or interrupted write leaves the
 * previous output as it was.
 */
public final class OutputWriter {
  private OutputWriter() {}

  public static void write(OutputTree tree, Path target) throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    Files.createDirectories(parent);
    Path staging = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".new-");
    setMode(staging, 0755); // temporary folders are private; the output is not.
    try {
      for (OutputFile f : tree.files()) {
        Path p = staging.resolve(f.path()).normalize();
        if (!p.startsWith(staging)) {
          throw new IllegalStateException("path escapes the output: " + f.path());
        }
        Files.createDirectories(p.getParent());
        Files.write(p, f.content());
        setMode(p, f.mode());
      }
      Path old = null;
      if (Files.exists(absolute)) {
        old = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".old-");
        Files.delete(old);
        move(absolute, old);
      }
      move(staging, absolute);
      if (old != null) {
        deleteTree(old);
      }
    } catch (IOException | RuntimeException e) {
      if (Files.exists(staging)) {
        deleteTree(staging);
      }
      throw e;
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

  static void deleteTree(Path root) throws IOException {
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
