package dev.applc.compiler.source;

import java.io.IOException;

/** A file over {@link Limits#MAX_FILE_BYTES}: reported as APL0011, and never read whole. */
public final class TooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  public TooLargeException(String name) {
    super(name + " is larger than " + Limits.MAX_FILE_BYTES + " bytes");
  }
}
