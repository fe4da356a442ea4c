package dev.applc.build;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs a build's phases in order, each as {@code bash build/phases/NN-name.sh} with build.sh's
 * environment, its output in {@code logs/NN-name.log}, reporting each phase to a {@link
 * BuildProgress}: a line per phase for people, or JSON events.
 *
 * <p>Rebuilds reuse what has not changed. The work folder remembers the keys ({@link PhaseKeys}) of
 * the phases it has been through; when they are the start of this build's keys, the build goes on
 * from there. When a key differs, the build goes on from the work folder if every phase from the
 * first changed one on is pure (only replaces what it made itself); otherwise it restores the
 * latest checkpoint whose key matches (a copy of the work folder kept in the cache, such as the
 * root file system after the bootstrap), or starts afresh.
 *
 * <p>A phase's results are published (linked or copied into {@code images/}) only once it has
 * completed; the images folder is emptied first, so it never mixes results of two builds.
 */
public final class PhaseRunner {
  static final String STATE = ".applc-phases";
  private static final int TAIL_LINES = 20;

  private final BuildEnvironment env;
  private final PrintWriter err;
  private final BuildProgress progress;

  /** The phase now running, which a stop (Ctrl-C, SIGTERM) ends with everything it started. */
  private volatile PhaseProcess running;

  private volatile BuildProgress.Phase runningPhase;
  private volatile long runningSince;
  private volatile boolean stopped;

  /** Whether the phases reused came from a checkpoint in the cache (not the work folder). */
  private boolean restored;

  /** A runner that reports progress to people on {@code err}, one line per phase. */
  public PhaseRunner(BuildEnvironment env, PrintWriter err) {
    this(env, err, new TextProgress(err));
  }

  /**
   * A runner that reports each phase to {@code progress}; {@code err} still gets what goes wrong (a
   * failed phase's command and log, a stop).
   */
  public PhaseRunner(BuildEnvironment env, PrintWriter err, BuildProgress progress) {
    this.env = env;
    this.err = err;
    this.progress = progress;
  }

  /** What a build did: phases run, reused, and the one that failed if any. */
  public record Outcome(List<String> ran, List<String> reused, String failed, boolean stopped) {
    Outcome(List<String> ran, List<String> reused, String failed) {
      this(ran, reused, failed, false);
    }

    public boolean ok() {
      return failed == null;
    }
  }

  public Outcome run(PhasePlan plan) throws IOException, InterruptedException {
    // The JVM runs shutdown hooks on SIGINT and SIGTERM; the phase is in a session of its own
    // (it does not get the terminal's Ctrl-C), so the hook passes the stop on.
    Thread stopper = new Thread(this::stopRunningPhase, "applc-build-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      return runSteps(plan);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopper);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run: nothing to remove
      }
    }
  }

  private void stopRunningPhase() {
    PhaseProcess phase = running;
    if (phase == null) {
      return;
    }
    stopped = true;
    BuildProgress.Phase at = runningPhase;
    progress.stopped(at, System.nanoTime() - runningSince);
    err.println(
        "applc build was stopped: phase "
            + at.id()
            + " and every process it started were ended; the next build runs "
            + at.id()
            + " again and reuses the phases before it");
    err.flush();
    phase.stop();
  }

  private Outcome runSteps(PhasePlan plan) throws IOException, InterruptedException {
    List<PhasePlan.Step> steps = plan.steps();
    List<String> keys = PhaseKeys.of(plan, env);
    Files.createDirectories(env.work());
    Files.createDirectories(env.logs());
    int resume = resumePoint(steps, keys);
    clear(env.images());
    Files.createDirectories(env.images());
    List<String> ran = new ArrayList<>();
    List<String> reused = new ArrayList<>();
    int total = steps.size();
    for (int i = 0; i < total; i++) {
      PhasePlan.Step step = steps.get(i);
      BuildProgress.Phase phase =
          new BuildProgress.Phase(
              step.id(), i + 1, total, keys.get(i), env.logs().resolve(step.id() + ".log"));
      if (i < resume) {
        publish(step);
        reused.add(step.id());
        progress.reused(phase, restored);
        continue;
      }
      progress.started(phase);
      long start = System.nanoTime();
      int exit = runPhase(phase, step, start);
      long elapsed = System.nanoTime() - start;
      if (stopped) {
        // The stop hook has said what happened; the JVM is exiting.
        return new Outcome(ran, reused, step.id(), true);
      }
      if (exit != 0) {
        progress.failed(phase, elapsed, exit);
        writeState(keys.subList(0, i), steps);
        diagnose(step, exit);
        return new Outcome(ran, reused, step.id());
      }
      writeState(keys.subList(0, i + 1), steps);
      if (step.checkpoint()) {
        checkpoint(keys.get(i));
      }
      publish(step);
      ran.add(step.id());
      progress.done(phase, elapsed);
    }
    return new Outcome(ran, reused, null);
  }

  /** How many phases need not run again, after restoring a checkpoint where that helps. */
  private int resumePoint(List<PhasePlan.Step> steps, List<String> keys)
      throws IOException, InterruptedException {
    List<String> done = readState();
    int match = 0;
    while (match < done.size() && match < keys.size() && done.get(match).equals(keys.get(match))) {
      match++;
    }
    boolean laterPure = true;
    for (int i = match; i < done.size() && i < steps.size(); i++) {
      laterPure &= steps.get(i).pure();
    }
    // What the work folder already holds, if it can go on from there.
    int fromWork = match == done.size() || (laterPure && done.size() <= steps.size()) ? match : -1;
    // The latest checkpoint in the cache: a new output folder (or a second spec version) starts
    // from the cache that another build filled, as long as the keys agree up to there.
    for (int i = keys.size() - 1; i >= 0 && i + 1 > Math.max(fromWork, 0); i--) {
      Path saved = env.cache().resolve(keys.get(i)).resolve("work");
      if (steps.get(i).checkpoint() && Files.isDirectory(saved)) {
        clear(env.work());
        copyTree(saved, env.work());
        Cache.markUsed(saved.getParent());
        writeState(keys.subList(0, i + 1), steps);
        restored = true;
        return i + 1;
      }
    }
    if (fromWork >= 0) {
      return fromWork;
    }
    clear(env.work());
    Files.createDirectories(env.work());
    return 0;
  }

  private int runPhase(BuildProgress.Phase at, PhasePlan.Step step, long start)
      throws IOException, InterruptedException {
    Path log = env.logs().resolve(step.id() + ".log");
    ProcessBuilder pb =
        new ProcessBuilder("bash", step.script(env.config()).toAbsolutePath().toString())
            .directory(env.work().toFile());
    pb.environment().putAll(env.variables());
    runningPhase = at;
    runningSince = start;
    PhaseProcess phase = PhaseProcess.start(pb, log);
    running = phase;
    try {
      return phase.waitFor();
    } finally {
      running = null;
    }
  }

  /** Names the phase, the command that failed (from the phase's ERR trap) and the log's end. */
  private void diagnose(PhasePlan.Step step, int exit) throws IOException {
    Path log = env.logs().resolve(step.id() + ".log");
    List<String> lines =
        Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    String command = "bash " + step.script(env.config());
    for (String line : lines) {
      int at = line.indexOf(": command failed: ");
      if (line.startsWith(step.id() + ": line ") && at > 0) {
        command = line.substring(at + ": command failed: ".length());
      }
    }
    err.println("error: phase " + step.id() + " failed (exit " + exit + ")");
    err.println("  command: " + command);
    err.println("  log: " + log);
    err.println("  last lines of the log:");
    for (String line : lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())) {
      err.println("  | " + line);
    }
    err.println(
        "help: fix the cause and run applc build again; the phases before "
            + step.id()
            + " are reused");
    err.flush();
  }

  private void publish(PhasePlan.Step step) throws IOException, InterruptedException {
    for (String artifact : step.artifacts()) {
      Path from = env.work().resolve(artifact);
      if (!Files.exists(from)) {
        throw new IOException("phase " + step.id() + " did not make " + artifact);
      }
      Path to = env.images().resolve(from.getFileName().toString());
      clear(to);
      if (Files.isRegularFile(from)) {
        try {
          Files.createLink(to, from);
          continue;
        } catch (IOException | UnsupportedOperationException e) {
          // another file system: copy below
        }
      }
      command("cp", "-a", "--sparse=always", "--", from.toString(), to.toString());
    }
  }

  /** Keeps a copy of the work folder under the phase's key, for builds that change later inputs. */
  private void checkpoint(String key) throws IOException, InterruptedException {
    Path dir = env.cache().resolve(key);
    if (Files.isDirectory(dir.resolve("work"))) {
      Cache.markUsed(dir);
      return;
    }
    Path tmp = env.cache().resolve(key + ".tmp");
    clear(tmp);
    Files.createDirectories(tmp);
    copyTree(env.work(), tmp.resolve("work"));
    Cache.markUsed(tmp);
    clear(dir);
    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void copyTree(Path from, Path to) throws IOException, InterruptedException {
    command("cp", "-a", "--reflink=auto", "--sparse=always", "--", from.toString(), to.toString());
  }

  private static void clear(Path p) throws IOException, InterruptedException {
    if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      command("rm", "-rf", "--", p.toString());
    }
  }

  private static void command(String... args) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", args) + " failed: " + out.strip());
    }
  }

  private List<String> readState() throws IOException {
    Path state = env.work().resolve(STATE);
    if (!Files.exists(state)) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    for (String line : Files.readAllLines(state, StandardCharsets.UTF_8)) {
      int space = line.indexOf(' ');
      if (space > 0) {
        keys.add(line.substring(space + 1));
      }
    }
    return keys;
  }

  private void writeState(List<String> keys, List<PhasePlan.Step> steps) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < keys.size(); i++) {
      b.append(steps.get(i).id()).append(' ').append(keys.get(i)).append('\n');
    }
    Files.createDirectories(env.work());
    Files.writeString(env.work().resolve(STATE), b.toString(), StandardCharsets.UTF_8);
  }

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1fs", nanos / 1e9);
  }
}
