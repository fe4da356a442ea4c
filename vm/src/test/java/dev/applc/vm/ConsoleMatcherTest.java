package dev.applc.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How the runner finds the marker in the console as its bytes arrive. */
class VmRunnerTest {
  @Test
  void matchingFollowsTheStreamAcrossPartialMatches() {
    byte[] needle = "aab".getBytes(StandardCharsets.US_ASCII);
    int m = 0;
    for (byte b : "xaaab".getBytes(StandardCharsets.US_ASCII)) {
      m = VmRunner.advance(needle, m, b);
    }
    assertEquals(3, m);
  }
}
