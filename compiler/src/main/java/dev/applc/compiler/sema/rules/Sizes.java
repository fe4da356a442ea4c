package dev.applc.compiler.sema.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Formats byte counts the way specs write them: {@code 1.5G}, {@code 512M}, {@code 4K}. */
public final class Sizes {
  private Sizes() {}

  public static String format(long bytes) {
    String[] units = {"T", "G", "M", "K"};
    long[] factors = {1L << 40, 1L << 30, 1L << 20, 1L << 10};
    for (int i = 0; i < units.length; i++) {
      if (bytes >= factors[i]) {
        BigDecimal v =
            BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(factors[i]), 2, RoundingMode.UP);
        return v.stripTrailingZeros().toPlainString() + units[i];
      }
    }
    return bytes + "B";
  }

  /** The largest unit that states the size exactly: {@code 2577M}, {@code 16K}, {@code 4097B}. */
  public static String exact(long bytes) {
    String[] units = {"T", "G", "M", "K"};
    int[] shifts = {40, 30, 20, 10};
    for (int i = 0; i < units.length; i++) {
      long factor = 1L << shifts[i];
      if (bytes != 0 && bytes % factor == 0) {
        return (bytes / factor) + units[i];
      }
    }
    return bytes + "B";
  }
}
