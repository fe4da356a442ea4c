package dev.applc.compiler.inputs;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Walks an overlay folder as the build copies it ({@code cp -a}: links are copied as links, not
 * followed), bounded in entries and depth, and collects what must not be copied as it is: special
 * files, private keys, and files whose setuid, setgid or world-writable bits would carry over.
 */
final class OverlayWalk {
  static final int MAX_ENTRIES = 100_000;
  static final int MAX_DEPTH = 64;

  /** What the walk found, each a list of absolute paths in the order visited. */
  record Findings(
      List<Path> special, List<Path> privateKeys, List<Path> modeBits, boolean truncated) {}

  private OverlayWalk() {}

  static Findings walk(Path overlay) {
    List<Path> special = new ArrayList<>();
    List<Path> keys = new ArrayList<>();
    List<Path> modes = new ArrayList<>();
    int[] seen = {0};
    boolean[] truncated = {false};
    try {
      Files.walkFileTree(
          overlay,
          Set.of(),
          MAX_DEPTH,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return count(dir) ? inspect(dir, attrs) : FileVisitResult.TERMINATE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              return count(file) ? inspect(file, attrs) : FileVisitResult.TERMINATE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE; // The build's copy reports what it cannot read.
            }

            private boolean count(Path p) {
              if (++seen[0] > MAX_ENTRIES) {
                truncated[0] = true;
                return false;
              }
              return true;
            }

            private FileVisitResult inspect(Path p, BasicFileAttributes attrs) {
              if (attrs.isSymbolicLink()) {
                return FileVisitResult.CONTINUE;
              }
              if (attrs.isOther()) {
                special.add(p);
                return FileVisitResult.CONTINUE;
              }
              if (hasRiskyBits(p)) {
                modes.add(p);
              }
              if (attrs.isRegularFile() && PrivateKeys.isPrivateKey(p)) {
                keys.add(p);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // The walk itself could not start: the build reports the unreadable overlay.
    }
    return new Findings(special, keys, modes, truncated[0]);
  }

  private static final Set<PosixFilePermission> WORLD_WRITABLE =
      EnumSet.of(PosixFilePermission.OTHERS_WRITE);

  /** setuid or setgid (read from the unix mode), or writable by anyone. */
  private static boolean hasRiskyBits(Path p) {
    try {
      Object mode = Files.getAttribute(p, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
      if (mode instanceof Integer m) {
        return (m & 06000) != 0 || (m & 0002) != 0;
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // No unix view (not Linux): fall back to the POSIX permissions, which lack setuid.
    }
    PosixFileAttributeView view =
        Files.getFileAttributeView(
            p, PosixFileAttributeView.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    try {
      return view != null
          && view.readAttributes().permissions().stream().anyMatch(WORLD_WRITABLE::contains);
    } catch (IOException e) {
      return false;
    }
  }
}
