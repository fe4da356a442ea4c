package dev.applc.backends.uboot;

import java.util.List;

/** Reads fw_env.config as libubootenv does: comment lines out, blank-separated columns. */
final class FwEnvConfig {
  private FwEnvConfig() {}

  /** One environment copy: device, offset, size, erase size. */
  record Copy(String device, long offset, long size, long eraseSize) {}

  static List<String> lines(String text) {
    return text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
  }

  static List<Copy> copies(String text) {
    return lines(text).stream()
        .map(
            l -> {
              String[] c = l.trim().split("\\s+", -1);
              if (c.length != 4) {
                throw new AssertionError("expected 4 columns: " + l);
              }
              return new Copy(c[0], number(c[1]), number(c[2]), number(c[3]));
            })
        .toList();
  }

  private static long number(String s) {
    return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
  }
}
