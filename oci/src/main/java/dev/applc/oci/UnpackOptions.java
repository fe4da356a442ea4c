package dev.applc.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What unpacking may do beyond plain files: set the layers' numeric owners ({@code owners}), and
 * create character and block devices ({@code devices}). Both need root; without them, files belong
 * to the user who unpacks and device entries are skipped with a warning. FIFOs need no privilege
 * and are always made.
 */
public record UnpackOptions(boolean owners, boolean devices) {
  /** Owners and devices when running as root, neither otherwise: what the user can do. */
  public static UnpackOptions forCurrentUser() {
    boolean root;
    try {
      root = ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
    } catch (IOException | UnsupportedOperationException e) {
      root = false;
    }
    return new UnpackOptions(root, root);
  }
}
