package dev.applc.specs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * A small run of the fuzzing harness in every build: 3,000 mutants through check, fmt and the
 * language server's analysis, none of which may fail internally. {@code bench/fuzz.sh} runs
 * 100,000.
 */
class FuzzTest {
  @Test
  void mutantsNeverBreakCheckFmtOrTheLanguageServer() throws IOException {
    Fuzz.Report report = Fuzz.run(3_000, Fuzz.DEFAULT_SEED);
    System.out.println(report.summary());
    assertTrue(
        report.failures().isEmpty(),
        () ->
            report.failures().size()
                + " inputs failed; the first:\n\n"
                + String.join(
                    "\n\n", report.failures().subList(0, Math.min(3, report.failures().size()))));
  }
}
