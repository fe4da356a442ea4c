package dev.applc.backends.phases;

import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.model.Appliance;

/**
 * What every phase builds its script from: the backend's context (the header, the files other
 * backends have written) and the layout of the spec's disk.
 */
record PhaseContext(BackendContext ctx, Layout layout) {

  static PhaseContext of(BackendContext ctx) {
    return new PhaseContext(ctx, new Layout(ctx.appliance()));
  }

  Appliance appliance() {
    return ctx.appliance();
  }

  /** Whether the spec's build makes this format ({@code disk}, {@code raucb}, ...). */
  boolean wants(String format) {
    return appliance().build().formats().contains(format);
  }

  /** Whether the build makes partition images at all: for a disk, a bundle or sysupdate files. */
  boolean makesImages() {
    return wants("disk") || wants("raucb") || wants("sysupdate");
  }
}
