package dev.applc.backends.phases;

import dev.applc.backends.escape.Escape;
import dev.applc.compiler.model.Partition;
import java.util.Locale;
import java.util.Optional;

/** The labels the build's file systems get, within what each file system can hold. */
public final class FileSystemLabels {
  private FileSystemLabels() {}

  /** The file system label: the partition's, where the file system can hold it. */
  public static Optional<String> of(Partition p) {
    String label = p.label();
    return switch (p.format()) {
      case VFAT -> Optional.of(Escape.shell(fat(label)));
      case EXT4 -> label.length() <= 16 ? Optional.of(Escape.shell(label)) : Optional.empty();
      case BTRFS -> Optional.of(Escape.shell(label));
      default -> Optional.empty();
    };
  }

  static String fat(String label) {
    String upper = label.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_-]", "_");
    return upper.length() > 11 ? upper.substring(0, 11) : upper;
  }
}
