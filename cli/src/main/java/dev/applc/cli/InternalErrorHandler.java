package dev.applc.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * A bug in applc must not look like a problem with the user's spec, and must not spill a stack
 * trace: one line says what happened and how to get details.
 */
final class InternalErrorHandler implements IExecutionExceptionHandler {
  static final int INTERNAL_ERROR = 3;

  @Override
  public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
    return report(ex, cli.getErr());
  }

  int report(Throwable ex, java.io.PrintWriter err) {
    err.println(
        "internal error: applc failed with "
            + ex.getClass().getSimpleName()
            + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
    err.println("help: this is a bug in applc; run with APPLC_DEBUG=1 for details");
    if (System.getenv("APPLC_DEBUG") != null) {
      ex.printStackTrace(err);
    }
    err.flush();
    return INTERNAL_ERROR;
  }
}
