package dev.applc.cli;

import picocli.CommandLine;

/** The {@code applc} entry point. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code; tests call this directly. */
  public static int run(String... args) {
    CommandLine cli = ApplcCommand.commandLine(args);
    cli.setExecutionExceptionHandler(new InternalErrorHandler());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    try {
      return cli.execute(args);
    } catch (LinkageError | StackOverflowError | OutOfMemoryError e) {
      // picocli hands only exceptions to the handler; errors of the JVM get the same treatment.
      return new InternalErrorHandler().report(e, cli.getErr());
    }
  }
}
