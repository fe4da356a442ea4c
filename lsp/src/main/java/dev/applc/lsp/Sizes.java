package dev.applc.lsp;

/** Byte counts in the binary units specs are written in: {@code 256M}, {@code 2G}. */
final class Sizes {
  private static final String[] UNITS = {"T", "G", "M", "K"};
  private static final int[] SHIFTS = {40, 30, 20, 10};

  private Sizes() {}

  /** The largest unit that divides the size exactly, such as {@code 513M}; bytes otherwise. */
  static String human(long bytes) {
    if (bytes == 0) {
      return "0";
    }
    for (int i = 0; i < UNITS.length; i++) {
      long unit = 1L << SHIFTS[i];
      if (bytes >= unit && bytes % unit == 0) {
        return (bytes / unit) + UNITS[i];
      }
    }
    return bytes + "B";
  }
}
