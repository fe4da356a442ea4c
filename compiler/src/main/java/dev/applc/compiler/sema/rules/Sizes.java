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
}
