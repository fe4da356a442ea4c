package dev.applc.lifecycle;

/** One scenario's outcome: passed or not, what shows it, and how long it took. */
public record ScenarioResult(String name, boolean passed, String evidence, long seconds) {
  /** The line `applc test` prints. */
  public String line() {
    return (passed ? "PASS " : "FAIL ") + name + " (" + seconds + " s): " + evidence;
  }
}
