package dev.applc.build;

import java.io.PrintWriter;
import java.util.Locale;

/** A build's progress for people: one line per phase, {@code [1/9] 00-bootstrap done in 74.2s}. */
public final class TextProgress implements BuildProgress {
  private final PrintWriter err;

  public TextProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void started(Phase phase) {
    err.print(prefix(phase));
    err.flush();
  }

  @Override
  public void reused(Phase phase, boolean fromCache) {
    err.println(prefix(phase) + "reused");
    err.flush();
  }

  @Override
  public void done(Phase phase, long nanos) {
    err.println("done in " + PhaseRunner.seconds(nanos));
    err.flush();
  }

  @Override
  public void failed(Phase phase, long nanos, int exit) {
    err.println("failed after " + PhaseRunner.seconds(nanos));
    err.flush();
  }

  @Override
  public void stopped(Phase phase, long nanos) {
    err.println("interrupted after " + PhaseRunner.seconds(nanos));
    err.flush();
  }

  /** "[ 9/10] 80-disk" and "[10/10] 90-bundle": the phase names line up whatever the count. */
  private static String prefix(Phase phase) {
    String counter = "[%" + Integer.toString(phase.total()).length() + "d/%d] %-14s ";
    return String.format(Locale.ROOT, counter, phase.index(), phase.total(), phase.id());
  }
}
