package dev.applc.vm;

import java.nio.charset.StandardCharsets;

/**
 * Finds an expected text in a serial console as its bytes arrive, as a person reading the console
 * would: systemd colours the unit names in its status lines ({@code Started
 * \e[0;1;39mfoo.service}), so the terminal's escape sequences (CSI: ESC, {@code [}, parameters, a
 * final byte) are skipped and {@code Started foo.service} matches what the terminal shows.
 */
final class ConsoleMatcher {
  private static final byte ESC = 0x1B;

  private enum Escape {
    NONE,
    /** After ESC: a {@code [} starts a CSI sequence; any other byte ends a two-byte escape. */
    STARTED,
    /** Inside a CSI sequence, until its final byte (0x40 to 0x7E). */
    CSI
  }

  private final byte[] needle;
  private int matched;
  private Escape escape = Escape.NONE;

  ConsoleMatcher(String text) {
    this.needle = text.getBytes(StandardCharsets.UTF_8);
  }

  /** Takes the next byte of the console; true once the whole text has been seen. */
  boolean accept(byte b) {
    if (matched == needle.length) {
      return true;
    }
    switch (escape) {
      case STARTED -> {
        escape = b == '[' ? Escape.CSI : Escape.NONE;
        return false;
      }
      case CSI -> {
        if (b >= 0x40 && b <= 0x7E) {
          escape = Escape.NONE;
        }
        return false;
      }
      case NONE -> {
        if (b == ESC) {
          escape = Escape.STARTED;
          return false;
        }
      }
    }
    matched = advance(needle, matched, b);
    return matched == needle.length;
  }

  /** One step of substring matching over a byte stream (restarting at the longest prefix). */
  static int advance(byte[] needle, int matched, byte b) {
    while (true) {
      if (needle[matched] == b) {
        return matched + 1;
      }
      if (matched == 0) {
        return 0;
      }
      // Fall back to the longest proper prefix of needle[0..matched) that is also its suffix.
      int k = matched - 1;
      while (k > 0 && !regionMatches(needle, matched - k, k)) {
        k--;
      }
      matched = k;
    }
  }

  private static boolean regionMatches(byte[] needle, int from, int length) {
    for (int i = 0; i < length; i++) {
      if (needle[i] != needle[from + i]) {
        return false;
      }
    }
    return true;
  }
}
