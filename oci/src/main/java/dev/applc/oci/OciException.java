package dev.applc.oci;

import java.io.IOException;

/**
 * A problem with an OCI image or with unpacking it: a missing or corrupted blob, a manifest that
 * cannot be chosen, a layer entry that would leave the target. The message is one line that names
 * the blob, reference or entry; callers print it as it is.
 */
public final class OciException extends IOException {
  private static final long serialVersionUID = 1L;

  public OciException(String message) {
    super(message);
  }

  public OciException(String message, Throwable cause) {
    super(message, cause);
  }
}
