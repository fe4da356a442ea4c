package dev.applc.specs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * A small run of the fuzzing harness in every build: 3,000 mutants through check, fmt and the
 * language server's analysis, none of which may fail internally. {@code bench/fuzz.sh} runs 100,000
 * through this test ({@code -Dapplc.fuzz.count=N}, {@code -Dapplc.fuzz.seed=S}).
 */
class FuzzTest {
  @Test
  void mutantsNeverBreakCheckFmtOrTheLanguageServer() throws IOException {
    // bench/fuzz.sh sets these for the long run; a build runs the small one.
    int count = Integer.getInteger("applc.fuzz.count", 3_000);
    long seed = Long.decode(System.getProperty("applc.fuzz.seed", "" + Fuzz.DEFAULT_SEED));
    Fuzz.Report report = Fuzz.run(count, seed);
    System.out.println(report.summary());
    report.failures().stream().limit(3).forEach(f -> System.out.println("\n" + f));
    assertTrue(
        report.failures().isEmpty(),
        () ->
            report.failures().size()
                + " inputs failed; the first:\n\n"
                + String.join(
                    "\n\n", report.failures().subList(0, Math.min(3, report.failures().size()))));
  }
}
