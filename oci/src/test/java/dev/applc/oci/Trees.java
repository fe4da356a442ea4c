package dev.applc.oci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A folder as text, one line per file with type, mode, owner, mtime and content: to compare. */
final class Trees {
  private Trees() {}

  static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> tree = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path path : files.toList()) {
        if (!path.equals(root)) {
          tree.put("/" + root.relativize(path), describe(path));
        }
      }
    }
    return tree;
  }

  static String describe(Path path) throws IOException {
    PosixFileAttributes a =
        Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    int uid = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    int gid = (Integer) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS);
    String what =
        a.isSymbolicLink()
            ? "-> " + Files.readSymbolicLink(path)
            : a.isRegularFile()
                ? "'" + new String(Files.readAllBytes(path), StandardCharsets.UTF_8) + "'"
                : "";
    // To the microsecond: Java sets a symlink's times with lutimes(3), which has no nanoseconds.
    FileTime mtime =
        FileTime.from(a.lastModifiedTime().to(TimeUnit.MICROSECONDS), TimeUnit.MICROSECONDS);
    return String.format("%06o %d:%d %s %s", mode, uid, gid, mtime, what).strip();
  }
}
