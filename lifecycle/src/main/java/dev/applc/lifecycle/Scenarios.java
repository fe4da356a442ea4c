package dev.applc.lifecycle;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every updater's lifecycle shares: one device, scenarios run in order and checked from inside
 * the guest, one line per scenario, and the data that every update must keep. A scenario that fails
 * ends the run: the ones after it start from its state.
 */
abstract class Scenarios {
  static final long BOOT = 300;
  static final long INSTALL = 900;

  final TestMachine machine;
  final List<String> dataMounts;
  final String healthUnit;
  final PrintWriter out;
  private final List<ScenarioResult> results = new ArrayList<>();
  private final Map<String, String> faults = new HashMap<>();
  private boolean faultNotSet;
  Guest guest;

  /** The versions under test. */
  record Versions(String n, String next, String broken) {}

  /** A check that did not hold; its message is the scenario's evidence. */
  static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;

    Failed(String message) {
      super(message);
    }
  }

  /** Thrown when the guest could not set a fault: the scenario after it proves nothing. */
  private static final class FaultNotSet extends Exception {
    private static final long serialVersionUID = 1L;

    FaultNotSet(String message) {
      super(message);
    }
  }

  interface Scenario {
    String run() throws Exception;
  }

  Scenarios(TestMachine machine, List<String> dataMounts, String healthUnit, PrintWriter out) {
    this.machine = machine;
    this.dataMounts = List.copyOf(dataMounts);
    this.healthUnit = healthUnit;
    this.out = out;
  }

  /**
   * How many scenarios {@link #runAll} runs when all pass: first boot, update, refusal, rollback,
   * power cut and tampered root, whatever the updater (the order may differ).
   */
  int count() {
    return 6;
  }

  /**
   * Has the guest run {@code command} just before scenario {@code name}: a fault of the device's
   * state (see {@link Fault}).
   */
  final void breakBefore(String name, String command) {
    faults.put(name, command);
  }

  /** Whether a fault of the device's state could not be set. */
  final boolean faultNotSet() {
    return faultNotSet;
  }

  /** Runs the scenarios in order with {@link #scenario}, stopping at the first that fails. */
  abstract void runAll();

  /** Runs every scenario; QEMU never outlives it. */
  final List<ScenarioResult> run() throws InterruptedException {
    try {
      runAll();
    } finally {
      if (guest != null) {
        guest.close();
      }
    }
    return results;
  }

  final boolean scenario(String name, Scenario s) {
    long start = System.nanoTime();
    ScenarioResult r;
    try {
      if (faults.containsKey(name)) {
        setFault(faults.get(name));
      }
      r = new ScenarioResult(name, true, s.run(), seconds(start));
    } catch (FaultNotSet e) {
      faultNotSet = true;
      r = new ScenarioResult(name, false, e.getMessage(), seconds(start));
    } catch (Failed | Guest.Lost e) {
      r = new ScenarioResult(name, false, e.getMessage(), seconds(start));
    } catch (Exception e) {
      r = new ScenarioResult(name, false, e.toString(), seconds(start));
    }
    results.add(r);
    out.println(r.line());
    out.flush();
    return r.passed();
  }

  private void setFault(String command) throws Exception {
    Guest.Reply r = guest == null ? null : guest.run(command, 60);
    if (r == null || !r.ok()) {
      throw new FaultNotSet(
          "the fault could not be set: `" + command + "`" + (r == null ? "" : ": " + r.text()));
    }
  }

  private static long seconds(long start) {
    return (System.nanoTime() - start) / 1_000_000_000L;
  }

  /**
   * Waits for the boot to finish; fails when a unit failed, or when the health unit ({@code
   * good-when}) is not up. Returns the system state.
   */
  final String settled() throws Exception {
    Guest.Reply r = guest.run("systemctl is-system-running --wait", BOOT);
    String state = lastLine(r);
    Guest.Reply failed = guest.run("systemctl --failed --plain --no-legend", 60);
    if (!failed.lines().isEmpty()) {
      throw new Failed("failed units: " + failed.text());
    }
    healthUp();
    return state;
  }

  /**
   * Fails unless the health unit is running (or, a oneshot, has run) and has never been restarted.
   * A service with {@code Restart=} that dies again and again is never "failed" while its restarts
   * stay under the start limit: a kiosk whose browser crashes every few seconds looks up to {@code
   * systemctl --failed}, and its good-when unit has started, so only the restart count shows it.
   */
  final void healthUp() throws Exception {
    Guest.Reply r =
        ok("systemctl show --property=Type,ActiveState,Result,NRestarts -- " + healthUnit, 60);
    if (!healthy(r.lines())) {
      throw new Failed(
          healthUnit
              + " is not up: "
              + String.join(", ", r.lines())
              + " (it must be active, or a oneshot that ran, with Result=success and no restart)");
    }
  }

  /** Whether {@code systemctl show}'s lines say a unit is up and has never been restarted. */
  static boolean healthy(List<String> show) {
    Map<String, String> p = new HashMap<>();
    for (String line : show) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        p.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    String active = p.getOrDefault("ActiveState", "");
    boolean up =
        active.equals("active") || (active.equals("inactive") && "oneshot".equals(p.get("Type")));
    return up && "success".equals(p.get("Result")) && "0".equals(p.get("NRestarts"));
  }

  /** Writes a token to every data partition; returns where, for the evidence. */
  final String writeTokens() throws Exception {
    StringBuilder written = new StringBuilder();
    for (String mount : dataMounts) {
      ok("echo " + token(mount) + " >" + mount + "/applc-test-token && sync", 60);
      written.append(' ').append(mount);
    }
    return written.toString();
  }

  final void tokensKept() throws Exception {
    for (String mount : dataMounts) {
      Guest.Reply r = guest.run("cat " + mount + "/applc-test-token", 60);
      if (!r.ok() || !r.text().trim().equals(token(mount))) {
        throw new Failed("the token in " + mount + " is gone: " + r.text());
      }
    }
  }

  final Guest.Reply ok(String command, long seconds) throws Exception {
    Guest.Reply r = guest.run(command, seconds);
    if (!r.ok()) {
      throw new Failed("`" + command + "` failed: " + r.text());
    }
    return r;
  }

  static String lastLine(Guest.Reply r) {
    return r.lines().isEmpty() ? "" : r.lines().get(r.lines().size() - 1).trim();
  }

  private static String token(String mount) {
    return "applc-test" + mount.replace('/', '-');
  }

  /** A partition's offset and size in bytes, by its GPT label, from sfdisk. */
  static long[] partition(Path disk, String label) throws IOException, InterruptedException {
    String json = UpdateArtifacts.run(List.of("sfdisk", "--json", disk.toString()));
    Pattern p =
        Pattern.compile(
            "\"start\":\\s*(\\d+),\\s*\"size\":\\s*(\\d+),[^}]*\"name\":\\s*\""
                + Pattern.quote(label)
                + "\"");
    Matcher m = p.matcher(json);
    if (!m.find()) {
      throw new IOException("no partition " + label + " in " + disk);
    }
    return new long[] {Long.parseLong(m.group(1)) * 512, Long.parseLong(m.group(2)) * 512};
  }
}
