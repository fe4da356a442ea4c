package dev.applc.lifecycle;

import dev.applc.backends.escape.Escape;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lifecycle of a systemd-sysupdate appliance, on one device: first boot, update (and
 * systemd-bless-boot marking it good), refusal, power cut, rollback by boot counting, and a
 * tampered root. systemd-sysupdate fetches from the spec's {@code source}, which the guest cannot
 * reach: each run reads the appliance's own transfer definitions with only their source path
 * changed to a folder of the update disk ({@code file://}, which systemd-sysupdate accepts for
 * testing), so that signatures and checksums are checked as they are in the field.
 */
final class SysupdateScenarios extends Scenarios {
  private static final String SYSUPDATE = "/usr/lib/systemd/systemd-sysupdate";
  private static final String DEFINITIONS = "/run/applc-test/sysupdate.d/";

  /** What the scenarios need to know about the appliance and its builds. */
  record Setup(
      Versions versions,
      String later,
      String source,
      String imageId,
      String esp,
      int tries,
      String healthUnit,
      String slotALabel,
      String partitionA,
      String partitionB,
      String brokenRootHash,
      String laterRootHash) {}

  private final Setup s;
  private final Versions v;

  SysupdateScenarios(TestMachine machine, Setup setup, List<String> dataMounts, PrintWriter out) {
    super(machine, dataMounts, setup.healthUnit(), out);
    this.s = setup;
    this.v = setup.versions();
  }

  @Override
  void runAll() {
    if (scenario("first boot", this::firstBoot)
        && scenario("update", this::update)
        && scenario("refusal", this::refusal)
        && scenario("power cut", this::powerCut)
        && scenario("rollback", this::rollback)) {
      scenario("tampered root", this::tamperedRoot);
    }
  }

  private String firstBoot() throws Exception {
    guest = machine.powerOn();
    Guest.Hello hello = guest.awaitHello(BOOT);
    expect(hello, v.n(), s.partitionA());
    String state = settled();
    ukis(uki(v.n()));
    String written = writeTokens();
    // Once more, a while after the boot: a health unit that dies after a few seconds shows now.
    healthUp();
    return "version "
        + hello.version()
        + " from partition "
        + hello.partition()
        + " (slot A), system "
        + state
        + ", UKI "
        + uki(v.n())
        + "; a token written to"
        + written;
  }

  private String update() throws Exception {
    install(SysupdateArtifacts.NEXT);
    String counted = counted(v.next(), s.tries(), 0);
    ukis(counted);
    guest.send("systemctl reboot");
    Guest.Hello hello = guest.awaitHello(BOOT);
    expect(hello, v.next(), s.partitionB());
    settled();
    // systemd-bless-boot drops the counter once boot-complete.target is reached.
    ukis(uki(v.next()));
    tokensKept();
    return "installed "
        + v.next()
        + " ("
        + counted
        + "); after reboot it runs from partition "
        + hello.partition()
        + " (slot B) and systemd-bless-boot renamed it "
        + uki(v.next())
        + "; tokens kept";
  }

  private String refusal() throws Exception {
    StringBuilder refused = new StringBuilder();
    List<String> left = List.of();
    for (String set : List.of(SysupdateArtifacts.FOREIGN, SysupdateArtifacts.TAMPERED)) {
      Guest.Reply r = guest.run(prepare(set) + " && " + sysupdate(set, "update"), INSTALL);
      if (r.ok()) {
        throw new Failed("systemd-sysupdate installed the " + set + " update:\n" + r.text());
      }
      Guest.Reply files = ok("ls -1 " + s.esp() + "/EFI/Linux", 60);
      if (files.lines().stream().anyMatch(l -> l.startsWith(s.imageId() + "_" + s.later()))
          || files.lines().stream().noneMatch(l -> l.equals(uki(v.next())))) {
        throw new Failed(
            "after the refused "
                + set
                + " update the ESP holds: "
                + String.join(" ", files.lines()));
      }
      left = files.lines();
      refused
          .append(refused.length() == 0 ? "" : ", ")
          .append(set)
          .append(" (")
          .append(reason(r))
          .append(')');
    }
    // sysupdate makes room before it downloads, so the oldest version may be gone: what counts is
    // that nothing new is there to boot.
    return "refused "
        + refused
        + "; no UKI of "
        + s.later()
        + " on the ESP, which holds "
        + String.join(" ", left);
  }

  private String powerCut() throws Exception {
    guest.send(
        prepare(SysupdateArtifacts.BROKEN)
            + " && "
            + sysupdate(SysupdateArtifacts.BROKEN, "update"));
    // Cut in the middle of the root partition: after its transfer started, at its first progress.
    guest.awaitOutput(".root.", INSTALL);
    String seen = guest.awaitOutput("% of ", INSTALL);
    guest.cutPower();
    guest.close();
    guest = machine.powerOn();
    Guest.Hello hello = guest.awaitHello(BOOT);
    expect(hello, v.next(), s.partitionB());
    settled();
    install(SysupdateArtifacts.BROKEN);
    ukis(counted(v.broken(), s.tries(), 0));
    return "power cut at \""
        + seen.replaceFirst("^@\\d+ ", "").replace("file://" + UpdateArtifacts.IN_GUEST, "").trim()
        + "\": "
        + hello.version()
        + " booted from slot B; the next install of "
        + v.broken()
        + " succeeded";
  }

  private String rollback() throws Exception {
    int mark = guest.consoleMark();
    guest.send("systemctl reboot");
    // The broken version reboots as soon as its health check fails, often before the agent starts:
    // its boots are counted on the console, and in its UKI's name.
    Guest.Hello hello = guest.awaitHelloFrom(v.next(), BOOT * (s.tries() + 1));
    expect(hello, v.next(), s.partitionB());
    settled();
    String spent = counted(v.broken(), 0, s.tries());
    ukis(spent, uki(v.next()));
    long brokenBoots = bootsOf(mark, s.brokenRootHash());
    if (brokenBoots != s.tries()) {
      throw new Failed(
          v.broken() + " booted " + brokenBoots + " times, not the " + s.tries() + " tries");
    }
    tokensKept();
    return "version "
        + v.broken()
        + " booted "
        + brokenBoots
        + " times, "
        + s.healthUnit()
        + " failed and the device rebooted each time ("
        + spent
        + "), then "
        + hello.version()
        + " came back from slot B by itself; tokens kept";
  }

  private String tamperedRoot() throws Exception {
    install(SysupdateArtifacts.LATER);
    ukis(counted(s.later(), s.tries(), 0));
    guest.send("systemctl poweroff");
    if (!guest.awaitExit(BOOT)) {
      throw new Failed("the guest did not power off");
    }
    guest.close();
    long[] part = partition(machine.disk(), s.slotALabel() + "_" + s.later());
    // A changed byte in every 4 MiB of the new root: whatever the boot reads, it reads one.
    int flipped = 0;
    for (long at = 4096; at < part[1]; at += 4L << 20) {
      UpdateArtifacts.flip(machine.disk(), part[0] + at);
      flipped++;
    }
    int mark = 0;
    guest = machine.powerOn();
    Guest.Hello hello = guest.awaitHelloFrom(v.next(), BOOT * (s.tries() + 1));
    expect(hello, v.next(), s.partitionB());
    settled();
    ukis(counted(s.later(), 0, s.tries()), uki(v.next()));
    int restarts = guest.consoleLinesSince(mark, "dm-verity device corrupted").size();
    if (restarts < 1) {
      throw new Failed("slot B booted, but the console shows no dm-verity restart");
    }
    return "installed "
        + s.later()
        + ", then changed "
        + flipped
        + " bytes of its root; dm-verity restarted the device "
        + restarts
        + " times, its "
        + s.tries()
        + " tries ran out, and "
        + hello.version()
        + " booted again from slot B";
  }

  /** Runs one update from {@code set} to its end; it must succeed. */
  private void install(String set) throws Exception {
    Guest.Reply r = guest.run(prepare(set) + " && " + sysupdate(set, "update"), INSTALL);
    if (!r.ok()) {
      throw new Failed("systemd-sysupdate update from " + set + " failed:\n" + r.text());
    }
  }

  /**
   * The command that writes the appliance's transfer definitions for {@code set}: each as it is,
   * but with the spec's source replaced by the folder of the update disk.
   */
  private String prepare(String set) {
    String folder = DEFINITIONS + set;
    String awk =
        "$0 == \"Path=\" ENVIRON[\"SRC\"] { print \"Path=\" ENVIRON[\"DST\"]; next } { print }";
    return "mkdir -p "
        + folder
        + " && for f in /usr/lib/sysupdate.d/*.transfer /usr/lib/sysupdate.d/*.conf; do"
        + " [ -e \"$f\" ] || continue; SRC="
        + Escape.shell(s.source())
        + " DST="
        + Escape.shell("file://" + UpdateArtifacts.IN_GUEST + set + "/")
        + " awk "
        + Escape.shell(awk)
        + " \"$f\" >"
        + folder
        + "/\"${f##*/}\" || exit 1; done";
  }

  private static String sysupdate(String set, String verb) {
    return SYSUPDATE + " --definitions=" + DEFINITIONS + set + " " + verb;
  }

  /** Fails unless the ESP's UKI folder holds each of {@code names}. */
  private void ukis(String... names) throws Exception {
    Guest.Reply files = ok("ls -1 " + s.esp() + "/EFI/Linux", 60);
    for (String name : names) {
      if (!files.lines().contains(name)) {
        throw new Failed(
            "no " + name + " on the ESP; it holds: " + String.join(" ", files.lines()));
      }
    }
  }

  private String uki(String version) {
    return s.imageId() + "_" + version + ".efi";
  }

  private String counted(String version, int left, int done) {
    return s.imageId() + "_" + version + "+" + left + "-" + done + ".efi";
  }

  /** How many kernels started with the root hash {@code hash} since {@code mark}. */
  private long bootsOf(int mark, String hash) throws IOException {
    return guest.consoleLinesSince(mark, "] Command line:").stream()
        .filter(l -> l.contains("hash=" + hash))
        .count();
  }

  private static void expect(Guest.Hello hello, String version, String partition) throws Failed {
    if (!hello.version().equals(version) || !hello.partition().equals(partition)) {
      throw new Failed(
          "booted version "
              + hello.version()
              + " from partition "
              + hello.partition()
              + ", expected "
              + version
              + " from partition "
              + partition);
    }
  }

  /** What a refusal says, most telling first. */
  private static final List<String> REASONS =
      List.of("invalid", "does not match", "mismatch", "verification failed", "failed to", "error");

  /** Why systemd-sysupdate refused: its most telling line. */
  private static String reason(Guest.Reply r) {
    List<String> lines = r.lines().stream().map(l -> l.replaceFirst("^@\\d+ ", "").trim()).toList();
    for (String word : REASONS) {
      for (String line : lines) {
        if (line.toLowerCase(java.util.Locale.ROOT).contains(word)) {
          return line;
        }
      }
    }
    return lastLine(r);
  }

  /**
   * The partition numbers of slot A and slot B's root (or /usr) on the disk of version N: slot A's
   * is labelled {@code LABEL_N}, slot B's has its type and is labelled {@code _empty}.
   */
  static String[] slotPartitions(Path disk, String slotALabel, String version)
      throws IOException, InterruptedException {
    String json = UpdateArtifacts.run(List.of("sfdisk", "--json", disk.toString()));
    Matcher m =
        Pattern.compile(
                "\"node\":\\s*\"[^\"]*?(\\d+)\"[^}]*?\"type\":\\s*\"([^\"]+)\"[^}]*?\"name\":\\s*\"([^\"]*)\"")
            .matcher(json);
    String a = null;
    String type = null;
    List<String[]> all = new java.util.ArrayList<>();
    while (m.find()) {
      all.add(new String[] {m.group(1), m.group(2), m.group(3)});
      if (m.group(3).equals(slotALabel + "_" + version)) {
        a = m.group(1);
        type = m.group(2);
      }
    }
    if (a == null) {
      throw new IOException("no partition labelled " + slotALabel + "_" + version + " in " + disk);
    }
    for (String[] p : all) {
      if (p[1].equals(type) && p[2].equals("_empty")) {
        return new String[] {a, p[0]};
      }
    }
    throw new IOException("no empty slot B beside partition " + a + " in " + disk);
  }
}
