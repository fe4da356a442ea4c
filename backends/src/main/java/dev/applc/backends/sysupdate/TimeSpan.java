package dev.applc.backends.sysupdate;

/** Durations as systemd time spans ({@code 15min}, {@code 6h}), in the largest exact unit. */
final class TimeSpan {
  private static final long[] MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
  private static final String[] UNITS = {"d", "h", "min", "s", "ms"};

  private TimeSpan() {}

  static String format(long millis) {
    if (millis <= 0) {
      return "0";
    }
    for (int i = 0; i < MILLIS.length; i++) {
      if (millis % MILLIS[i] == 0) {
        return millis / MILLIS[i] + UNITS[i];
      }
    }
    throw new AssertionError("every duration is a whole number of milliseconds");
  }
}
