package dev.applc.backends.phases;

import dev.applc.compiler.model.Partition.Filesystem;

/** How the spec's {@code compression} reaches the tools: file system images and update files. */
final class Compression {
  private Compression() {}

  /** The mksquashfs or mkfs.erofs options for a compressed file system image; else none. */
  static String mkfsOptions(Filesystem f, String c) {
    if (f == Filesystem.SQUASHFS) {
      return switch (c) {
        case "none" -> "-noI -noD -noF -noX";
        case "gzip", "xz", "lz4", "zstd", "lzo" -> "-comp " + c;
        default -> "-comp zstd";
      };
    }
    if (f == Filesystem.EROFS) {
      // erofs-utils 1.5 compresses with lz4 and lz4hc only.
      return c.equals("none") ? "" : "-zlz4hc";
    }
    return "";
  }

  /**
   * The command that compresses an update artifact from standard input to standard output. zstd
   * keeps its default level: the partition images are compressed file systems and hash trees
   * already, where level 19 saved 0.6% of a squashfs root and took 30 times as long.
   */
  static String compressor(String compression) {
    return switch (compression) {
      case "zstd" -> "zstd -q -c";
      case "xz" -> "xz -c";
      case "gzip" -> "gzip -n -c";
      default -> "cat";
    };
  }

  /**
   * The command that compresses the archive for the kernel, which unpacks gzip, xz (with CRC32
   * checks), lz4 (legacy frames) and zstd. Each writes the same bytes for the same input (zstd
   * single-threaded). zstd level 12: on tdx-debian's 168 MB archive it gave 41.0 MB in 6 s where
   * level 19 gave 36.2 MB in about two minutes, and level 3 46.8 MB.
   */
  static String initramfs(String compression) {
    return switch (compression) {
      case "zstd" -> "zstd -q -12 -T1 -c";
      case "xz" -> "xz --check=crc32 -T1 -c";
      case "gzip" -> "gzip -n -9 -c";
      case "lz4" -> "lz4 -l -9 -q -c";
      default -> "cat";
    };
  }
}
