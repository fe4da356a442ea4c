package dev.applc.compiler.driver;

import java.util.concurrent.CancellationException;

/**
 * Asked between the steps of a compile whether its result is still wanted. A language server's
 * check of a buffer that the user has edited again is not: it stops at the next step instead of
 * running to the end, so that the check of the new text starts sooner.
 */
@FunctionalInterface
public interface Cancellation {
  /** For compiles that always run to the end, as on the command line. */
  Cancellation NEVER = () -> {};

  /**
   * Returns when the work is still wanted.
   *
   * @throws CancellationException when it is not; the compile ends without a result
   */
  void check();
}
