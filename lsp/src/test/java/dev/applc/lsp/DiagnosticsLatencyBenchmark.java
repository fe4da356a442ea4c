package dev.applc.lsp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * How long after an edit the editor has its diagnostics, on a spec of 2,000 lines, as the server
 * serves them: the time from a client sending {@code didChange} to that client receiving {@code
 * publishDiagnostics} for that version, through JSON-RPC over pipes, with the server's own settings
 * (no debounce; a newer edit stops the check of an older text). Two ways of editing: one edit
 * waiting for its diagnostics before the next, and bursts of typing, where a few edits come 5 ms
 * apart and only the last one's diagnostics count (the others' checks are stopped). Not a test
 * (timings depend on the machine); run it with the command below, adding {@code
 * -Dapplc.latency.before=true} to measure the former 150 ms debounce in the same run:
 *
 * <pre>mvn -q -pl lsp -am test-compile -Platency</pre>
 */
public final class DiagnosticsLatencyBenchmark {
  private static final int LINES = 2000;
  private static final int WARMUP = 40;
  private static final int EDITS = 200;
  private static final int BURST = 4;
  private static final long BURST_GAP_MILLIS = 5;

  private DiagnosticsLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    String spec = spec(LINES);
    System.out.printf(
        Locale.ROOT,
        "spec: %d lines, %d edits after %d warm-up edits, debounce %d ms%n",
        lines(spec),
        EDITS,
        WARMUP,
        ApplcLanguageServer.DEBOUNCE.toMillis());
    run("one edit at a time (as served)", ApplcLanguageServer.DEBOUNCE, 1, spec);
    run("typing, " + BURST + " edits 5 ms apart", ApplcLanguageServer.DEBOUNCE, BURST, spec);
    if (Boolean.getBoolean("applc.latency.before")) {
      // What the server did before it stopped stale checks: wait 150 ms after every edit.
      run("one edit at a time, 150 ms debounce", Duration.ofMillis(150), 1, spec);
    }
    System.exit(0);
  }

  /**
   * Sends {@code EDITS} edits, each the last of a burst of {@code burst} edits, and measures from
   * sending it to receiving its diagnostics.
   */
  private static void run(String title, Duration debounce, int burst, String spec)
      throws Exception {
    Path dir = Files.createTempDirectory("applc-bench");
    List<Double> millis = new ArrayList<>();
    int stopped;
    try (LspSession lsp = new LspSession(debounce)) {
      String uri = lsp.open(dir.resolve("big.appliance"), spec);
      if (!lsp.diagnostics(uri).isEmpty()) {
        throw new IllegalStateException("the generated spec has problems: " + lsp.diagnostics(uri));
      }
      int stoppedBefore = lsp.workspace().stoppedChecks.get();
      for (int i = 0; i < WARMUP + EDITS; i++) {
        for (int typed = 1; typed < burst; typed++) {
          // Typing the version one character after another: each text new, none checked before.
          lsp.change(
              uri, spec.replace("version = \"1.0.0\"", "version = \"1.0." + i + typed + "\""));
          Thread.sleep(BURST_GAP_MILLIS);
        }
        String edited = edit(spec, i);
        long start = System.nanoTime();
        lsp.change(uri, edited);
        int problems = lsp.diagnostics(uri).size();
        long took = System.nanoTime() - start;
        if ((i % 2 == 1) != (problems > 0)) {
          throw new IllegalStateException("edit " + i + " gave " + problems + " diagnostics");
        }
        if (i >= WARMUP) {
          millis.add(took / 1e6);
        }
      }
      stopped = lsp.workspace().stoppedChecks.get() - stoppedBefore;
    }
    Collections.sort(millis);
    System.out.printf(
        Locale.ROOT,
        "%-34s p50 %6.1f ms   p99 %6.1f ms   max %6.1f ms   (%d stale checks stopped)%n",
        title,
        percentile(millis, 50),
        percentile(millis, 99),
        millis.get(millis.size() - 1),
        stopped);
  }

  /** Even edits change a value; odd ones misspell a property (one diagnostic). */
  private static String edit(String spec, int i) {
    if (i % 2 == 0) {
      return spec.replace("version = \"1.0.0\"", "version = \"1.0." + i + "\"");
    }
    return spec.replaceFirst("restart-sec = 5s", "restart-sek = 5s");
  }

  private static double percentile(List<Double> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static int lines(String text) {
    return (int) text.chars().filter(c -> c == '\n').count();
  }

  /** An appliance of about {@code lines} lines: many units, users and files, and a disk. */
  static String spec(int lines) {
    StringBuilder out = new StringBuilder();
    out.append(
        """
        applc 1

        import std:boards/x86_64-uefi
        import std:layouts/ab-verity-root

        appliance big {
          version    = "1.0.0"
          compatible = "big-amd64"
          board      = x86_64-uefi

          os debian bookworm {
            packages = [linux-image-amd64, systemd-sysv, udev, rauc-service]
        """);
    int n = 0;
    StringBuilder units = new StringBuilder();
    while (lines(out.toString()) + lines(units.toString()) < lines - 14) {
      units.append(
          String.format(
              Locale.ROOT,
              """
                  user worker%1$d {
                    uid    = %2$d
                    groups = [video, input]
                  }

                  unit worker%1$d.service {
                    description = "Worker %1$d"
                    after       = [network-online.target]
                    wants       = [network-online.target]
                    type        = simple
                    exec        = "/usr/bin/worker --id %1$d"
                    user        = worker%1$d
                    restart     = on-failure
                    restart-sec = 5s
                    wanted-by   = [multi-user.target]
                  }

              """,
              n,
              2000 + n));
      n++;
    }
    out.append(units);
    out.append(
        """
          }

          disk extends ab-verity-root {
            size = 16G
            slots [a, b] {
              partition root { size = 4G; verity = signed(verity) }
            }
          }

          update rauc {
            rollback { tries = 3; good-when = worker0.service }
          }

          key verity { path = "keys/verity" }
        }
        """);
    return out.toString();
  }
}
