package dev.applc.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One running phase script, started in a session of its own so that stopping it stops everything it
 * started.
 *
 * <p>A phase starts long-lived helpers: mmdebstrap, apt and dpkg in a chroot, mksquashfs. When the
 * build is stopped (Ctrl-C, {@code kill}, a CI timeout), killing bash alone would orphan them, and
 * they would go on writing into the work folder that the next build reuses. {@code setsid} makes
 * the script the leader of a new session; its children, and their children after their parents
 * exit, keep that session unless they deliberately leave it, so the session id finds them all.
 */
final class PhaseProcess {
  /** How long the phase's processes get to end after SIGTERM, before SIGKILL. */
  private static final long GRACE_SECONDS = 10;

  private final Process process;

  private PhaseProcess(Process process) {
    this.process = process;
  }

  /** Starts {@code command} as the leader of a new session, its output into {@code log}. */
  static PhaseProcess start(ProcessBuilder builder, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    // --wait: should setsid have to fork (it does when it is a process group leader), it still
    // returns the script's exit status instead of returning at once.
    command.add("setsid");
    command.add("--wait");
    command.addAll(builder.command());
    builder
        .command(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    return new PhaseProcess(builder.start());
  }

  int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  /**
   * Ends every process of the phase's session: SIGTERM first, so that tools can clean up
   * (mmdebstrap unmounts what it mounted), then SIGKILL for what is left after the grace time.
   */
  void stop() {
    long session = sessionId();
    List<ProcessHandle> members = members(session);
    members.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
    while (System.nanoTime() < deadline && !members(session).isEmpty()) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    members(session).forEach(ProcessHandle::destroyForcibly);
  }

  /** The script's session: its own pid, or its child's had setsid needed to fork. */
  private long sessionId() {
    long pid = process.pid();
    if (sessionOf(pid).orElse(-1) == pid) {
      return pid;
    }
    return process
        .children()
        .mapToLong(ProcessHandle::pid)
        .filter(child -> sessionOf(child).orElse(-1) == child)
        .findFirst()
        .orElse(pid);
  }

  /** The live processes whose session is {@code session}, read from /proc. */
  private static List<ProcessHandle> members(long session) {
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      return all.filter(p -> sessionOf(p.pid()).orElse(-1) == session)
          .filter(p -> !isZombie(p.pid()))
          .toList();
    }
  }

  /** Field 6 of /proc/PID/stat; the command name before it may hold spaces and parentheses. */
  static OptionalLong sessionOf(long pid) {
    String[] fields = statFields(pid);
    return fields.length > 3 ? OptionalLong.of(Long.parseLong(fields[3])) : OptionalLong.empty();
  }

  static boolean isZombie(long pid) {
    String[] fields = statFields(pid);
    return fields.length == 0 || fields[0].equals("Z") || fields[0].equals("X");
  }

  /** The fields of /proc/PID/stat after the command name: state, ppid, pgrp, session, ... */
  private static String[] statFields(long pid) {
    try {
      String stat =
          Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return new String[0];
    }
  }
}
