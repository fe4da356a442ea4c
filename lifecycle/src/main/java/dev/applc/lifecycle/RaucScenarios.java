package dev.applc.lifecycle;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The lifecycle of a RAUC appliance, scenario after scenario on one device, each checked from
 * inside the guest: first boot, update, refusal, rollback, power cut and a tampered root.
 */
final class RaucScenarios extends Scenarios {
  private static final String BACKEND = "/usr/lib/rauc/applc-systemd-boot";

  private final Versions versions;
  private final int tries;
  private final String esp;
  private final boolean casync;

  RaucScenarios(
      TestMachine machine,
      Versions versions,
      List<String> dataMounts,
      int tries,
      String healthUnit,
      String esp,
      boolean casync,
      PrintWriter out) {
    super(machine, dataMounts, healthUnit, out);
    this.casync = casync;
    this.versions = versions;
    this.tries = tries;
    this.esp = esp;
  }

  @Override
  void runAll() {
    if (scenario("first boot", this::firstBoot)
        && scenario("update", this::update)
        && scenario("refusal", this::refusal)
        && scenario("rollback", this::rollback)
        && scenario("power cut", this::powerCut)) {
      scenario("tampered root", this::tamperedRoot);
    }
  }

  private String firstBoot() throws Exception {
    guest = machine.powerOn();
    Guest.Hello hello = guest.awaitHello(BOOT);
    expect(hello, versions.n(), "A");
    String state = settled();
    markedGood("A");
    String written = writeTokens();
    // Once more, a while after the boot: a health unit that dies after a few seconds shows now.
    healthUp();
    return "version "
        + hello.version()
        + " on slot A, system "
        + state
        + ", slot A marked good; a token written to"
        + written;
  }

  private String update() throws Exception {
    // With delta = casync the device gets what it would download: the casync bundle.
    String bundle = casync ? UpdateArtifacts.NEXT_CASYNC : UpdateArtifacts.NEXT;
    String kind = casync ? "casync bundle" : "bundle";
    Guest.Reply install = guest.run("rauc install " + UpdateArtifacts.IN_GUEST + bundle, INSTALL);
    if (!install.ok()) {
      throw new Failed("rauc install of the " + kind + " failed:\n" + install.text());
    }
    check("get-primary", "B");
    guest.send("systemctl reboot");
    Guest.Hello hello = guest.awaitHello(BOOT);
    expect(hello, versions.next(), "B");
    settled();
    markedGood("B");
    tokensKept();
    return kind
        + " installed to slot B; after reboot version "
        + hello.version()
        + " runs from slot B and is marked good; tokens kept";
  }

  private String refusal() throws Exception {
    List<String> refused = new ArrayList<>();
    for (String bundle : List.of(UpdateArtifacts.FOREIGN, UpdateArtifacts.TAMPERED)) {
      Guest.Reply r = guest.run("rauc install " + UpdateArtifacts.IN_GUEST + bundle, INSTALL);
      if (r.ok()) {
        throw new Failed("rauc installed " + bundle + ":\n" + r.text());
      }
      check("get-primary", "B");
      refused.add(bundle + " (" + reason(r) + ")");
    }
    return "refused " + String.join(", ", refused) + "; slot B still boots next";
  }

  private String rollback() throws Exception {
    Guest.Reply install =
        guest.run("rauc install " + UpdateArtifacts.IN_GUEST + UpdateArtifacts.BROKEN, INSTALL);
    if (!install.ok()) {
      throw new Failed("rauc install of the broken version failed:\n" + install.text());
    }
    check("get-primary", "A");
    int mark = guest.consoleMark();
    guest.send("systemctl reboot");
    // The broken version reboots as soon as its health check fails, often before the agent
    // starts: the boots are counted on the console and in the boot loader's entry.
    Guest.Hello hello = guest.awaitHelloFrom(versions.next(), BOOT * (tries + 1));
    expect(hello, versions.next(), "B");
    settled();
    check("get-state A", "bad");
    markedGood("B");
    long brokenBoots =
        guest.consoleLinesSince(mark, "] Command line:").stream()
            .filter(l -> l.contains("rauc.slot=A"))
            .count();
    Guest.Reply entries = guest.run("ls " + esp + "/loader/entries", 60);
    String counted = "-a+0-" + tries + ".conf";
    if (entries.lines().stream().noneMatch(l -> l.endsWith(counted)) || brokenBoots != tries) {
      throw new Failed(
          "slot A booted "
              + brokenBoots
              + " times before slot B came back, not the "
              + tries
              + " tries; entries: "
              + String.join(" ", entries.lines()));
    }
    tokensKept();
    return "version "
        + versions.broken()
        + " booted "
        + brokenBoots
        + " times from slot A, "
        + healthUnit
        + " failed and the device rebooted each time (entry "
        + entries.lines().stream().filter(l -> l.endsWith(counted)).findFirst().orElse("")
        + "), then version "
        + hello.version()
        + " came back on slot B by itself, good; tokens kept";
  }

  private String powerCut() throws Exception {
    guest.send("rauc install " + UpdateArtifacts.IN_GUEST + UpdateArtifacts.NEXT);
    String seen = guest.awaitOutput("Copying", INSTALL);
    guest.cutPower();
    guest.close();
    guest = machine.powerOn();
    Guest.Hello hello = guest.awaitHello(BOOT);
    expect(hello, versions.next(), "B");
    settled();
    Guest.Reply install =
        guest.run("rauc install " + UpdateArtifacts.IN_GUEST + UpdateArtifacts.NEXT, INSTALL);
    if (!install.ok()) {
      throw new Failed("the install after the power cut failed:\n" + install.text());
    }
    guest.send("systemctl reboot");
    Guest.Hello after = guest.awaitHello(BOOT);
    expect(after, versions.next(), "A");
    settled();
    markedGood("A");
    tokensKept();
    return "power cut at \""
        + seen.replaceFirst("^@\\d+ ", "").trim()
        + "\": slot B booted "
        + hello.version()
        + "; the next install succeeded and slot A runs it, good";
  }

  private String tamperedRoot() throws Exception {
    guest.send("systemctl poweroff");
    if (!guest.awaitExit(BOOT)) {
      throw new Failed("the guest did not power off");
    }
    guest.close();
    long[] part = partition(machine.disk(), "root-a");
    // A changed byte in every 4 MiB of slot A's root: whatever the boot reads, it reads one.
    int flipped = 0;
    for (long at = 4096; at < part[1]; at += 4L << 20) {
      UpdateArtifacts.flip(machine.disk(), part[0] + at);
      flipped++;
    }
    guest = machine.powerOn();
    Guest.Hello hello = guest.awaitHelloFrom(versions.next(), BOOT * (tries + 1));
    expect(hello, versions.next(), "B");
    settled();
    check("get-state A", "bad");
    int restarts = guest.consoleLinesSince(0, "dm-verity device corrupted").size();
    if (restarts < 1) {
      throw new Failed("slot B booted, but the console shows no dm-verity restart");
    }
    return flipped
        + " bytes changed in root-a; dm-verity restarted the device "
        + restarts
        + " times, then slot B booted "
        + hello.version()
        + " and slot A is bad";
  }

  /**
   * Fails unless the booted slot was marked good: RAUC's mark-good gave its entry all its tries
   * back ({@code -ID+TRIES.conf}). get-state says good as long as tries are left, which a boot that
   * was never marked good still has.
   */
  private void markedGood(String slot) throws Exception {
    check("get-state " + slot, "good");
    Guest.Reply entries = ok("ls -1 " + esp + "/loader/entries", 60);
    String blessed = "-" + slot.toLowerCase(java.util.Locale.ROOT) + "+" + tries + ".conf";
    if (entries.lines().stream().noneMatch(l -> l.endsWith(blessed))) {
      throw new Failed(
          "slot "
              + slot
              + " was not marked good: no entry ends with "
              + blessed
              + "; entries: "
              + String.join(" ", entries.lines()));
    }
  }

  private void check(String backendArgs, String expected) throws Exception {
    Guest.Reply r = guest.run(BACKEND + " " + backendArgs, 60);
    if (!r.ok() || !r.text().trim().equals(expected)) {
      throw new Failed(
          "`"
              + backendArgs
              + "` says "
              + r.text().trim()
              + " (exit "
              + r.exit()
              + "), not "
              + expected);
    }
  }

  private static void expect(Guest.Hello hello, String version, String slot) throws Failed {
    if (!hello.version().equals(version) || !hello.slot().equals(slot)) {
      throw new Failed(
          "booted version "
              + hello.version()
              + " from slot "
              + hello.slot()
              + ", expected "
              + version
              + " from slot "
              + slot);
    }
  }

  /** Why RAUC refused: its LastError line, or the last line that names an error. */
  private static String reason(Guest.Reply r) {
    List<String> errors =
        r.lines().stream()
            .map(String::trim)
            .filter(
                l ->
                    l.contains("LastError")
                        || l.toLowerCase(java.util.Locale.ROOT).contains("error"))
            .toList();
    return errors.isEmpty() ? lastLine(r) : errors.get(errors.size() - 1);
  }
}
