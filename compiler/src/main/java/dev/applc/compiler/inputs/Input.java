package dev.applc.compiler.inputs;

import dev.applc.compiler.source.SourceSpan;

/**
 * A file or folder of the project that the build copies into the image (or unpacks, for an OCI
 * image), as the spec names it (relative to the spec's folder), with the span that brings it in.
 */
record Input(Kind kind, String path, SourceSpan span) {
  enum Kind {
    /** A {@code file { source = ... }}: one regular file. */
    FILE_SOURCE("the file source"),
    /** An overlay folder, copied over the root file system or into an extension. */
    OVERLAY("the overlay"),
    /** A post-install script, run in the image: one regular file. */
    SCRIPT("the post-install script"),
    /** The RAUC keyring installed on the device: one regular file, a certificate. */
    KEYRING("the keyring"),
    /** The OCI image the root file system is unpacked from: a layout folder or its archive. */
    OCI_IMAGE("the OCI image");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    String description() {
      return description;
    }
  }
}
