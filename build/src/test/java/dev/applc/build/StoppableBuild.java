package dev.applc.build;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A build of the pipeline in {@code args[0]} into {@code args[1]}, run as a process of its own so
 * that {@link BuildStopTest} can stop it with a signal, as a user or a CI timeout would. A third
 * argument {@code json} reports the phases as {@code applc build --format json} does.
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
    // With a third argument "json", the progress is BuildEvents on standard output.
    PhaseRunner.Outcome outcome =
        args.length > 2 && args[2].equals("json")
            ? new PhaseRunner(
                    env,
                    err,
                    new BuildEvents(new PrintWriter(System.out, true, StandardCharsets.UTF_8)))
                .run(PhasePlan.read(config))
            : new PhaseRunner(env, err).run(PhasePlan.read(config));
    System.exit(outcome.ok() ? 0 : 1);
  }
}
