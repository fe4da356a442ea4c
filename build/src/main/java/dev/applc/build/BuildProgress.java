package dev.applc.build;

import java.nio.file.Path;

/**
 * What the phase runner says as a build goes: a line per phase for people ({@link TextProgress}),
 * or JSON events for CI logs and dashboards ({@link BuildEvents}).
 */
public interface BuildProgress {
  /**
   * The phase a report is about.
   *
   * @param index 1-based position in the plan
   * @param total how many phases the plan has
   * @param key the phase's cache key ({@link PhaseKeys}): equal keys mean equal results
   * @param log the phase's log file
   */
  record Phase(String id, int index, int total, String key, Path log) {}

  /** A phase starts to run. */
  void started(Phase phase);

  /**
   * A phase need not run: its results are there already.
   *
   * @param fromCache whether they came from a checkpoint in the cache rather than from the output
   *     folder's own work folder
   */
  void reused(Phase phase, boolean fromCache);

  /** A phase ran to its end; its results are published. */
  void done(Phase phase, long nanos);

  /** A phase exited with {@code exit}; the build stops. */
  void failed(Phase phase, long nanos, int exit);

  /** The build was stopped (SIGINT, SIGTERM) while the phase ran. Called from a shutdown hook. */
  void stopped(Phase phase, long nanos);
}
