package dev.applc.build;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A build of the pipeline in {@code args[0]} into {@code args[1]}, run as a process of its own so
 * that {@link BuildStopTest} can stop it with a signal, as a user or a CI timeout would.
 */
final class StoppableBuild {
  private StoppableBuild() {}

  public static void main(String[] args) throws Exception {
    Path config = Path.of(args[0]);
    Path out = Path.of(args[1]);
    BuildEnvironment env =
        new BuildEnvironment(
            config,
            config,
            config,
            out.resolve("work"),
            out.resolve("images"),
            out.resolve("logs"),
            out.resolve("cache"),
            1700000000L);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    PhaseRunner.Outcome outcome = new PhaseRunner(env, err).run(PhasePlan.read(config));
    System.exit(outcome.ok() ? 0 : 1);
  }
}
