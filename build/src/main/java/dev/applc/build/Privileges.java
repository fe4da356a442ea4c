package dev.applc.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether this process may build images. The phases make a root file system whose files belong to
 * root and other system users, copy it with its owners, and make file systems and disks from it;
 * without root they fail partway with "permission denied" on some file, long after the bootstrap.
 * So applc build asks for root before it starts.
 */
public final class Privileges {
  private Privileges() {}

  /** The effective user id, from {@code /proc/self/status} ("Uid: real effective saved fs"). */
  public static Optional<Long> effectiveUid(Path status) {
    try {
      for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
        if (line.startsWith("Uid:")) {
          String[] ids = line.substring(4).trim().split("\\s+");
          return ids.length > 1 ? Optional.of(Long.parseLong(ids[1])) : Optional.empty();
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux, or no /proc: the phases will say what they lack.
    }
    return Optional.empty();
  }

  /** Why this process cannot build, when it cannot: it does not run as root. */
  public static Optional<String> missing() {
    Optional<Long> uid = effectiveUid(Path.of("/proc/self/status"));
    if (uid.isPresent() && uid.get() != 0) {
      return Optional.of(
          "applc build needs root: the build makes a root file system owned by root and"
              + " system users, and the disk images from it (running as user id "
              + uid.get()
              + ")");
    }
    return Optional.empty();
  }
}
