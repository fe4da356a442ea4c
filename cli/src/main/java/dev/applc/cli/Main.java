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
    CommandLine cli = new CommandLine(new ApplcCommand());
    cli.setExecutionExceptionHandler(new InternalErrorHandler());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli.execute(args);
  }
}
