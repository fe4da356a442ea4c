package dev.applc.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How `vm --expect` finds its text in the console as the bytes arrive. */
class ConsoleMatcherTest {
  @Test
  void matchingFollowsTheStreamAcrossPartialMatches() {
    byte[] needle = "aab".getBytes(StandardCharsets.US_ASCII);
    int m = 0;
    for (byte b : "xaaab".getBytes(StandardCharsets.US_ASCII)) {
      m = ConsoleMatcher.advance(needle, m, b);
    }
    assertEquals(3, m);
  }

  @Test
  void systemdsColoursDoNotHideAStatusLine() {
    // As the kiosk's console shows it (systemd 252, StatusUnitFormat=combined).
    String line =
        "[\u001B[0;32m  OK  \u001B[0m] Started \u001B[0;1;39mkiosk-session.service\u001B[0m"
            + " - kiosk session.\r\n";
    assertTrue(feed("Started kiosk-session.service - kiosk", line));
    assertTrue(feed("OK  ] Started kiosk", line));
  }

  @Test
  void textThatIsNotOnTheConsoleIsNotFound() {
    String line = "         Starting \u001B[0;1;39mkiosk-session.service\u001B[0m - kiosk...\r\n";
    assertFalse(feed("Started kiosk-session.service", line));
    // The escape's own bytes are not text: "[0;1;39m" is never matched.
    assertFalse(feed("[0;1;39m", line));
  }

  private static boolean feed(String expect, String console) {
    ConsoleMatcher m = new ConsoleMatcher(expect);
    boolean found = false;
    for (byte b : console.getBytes(StandardCharsets.UTF_8)) {
      found |= m.accept(b);
    }
    return found;
  }
}
