package dev.applc.oci;

import java.util.List;

/**
 * One chosen image: its manifest, its config and its layers in the order they apply (lowest first).
 * {@code diffIds} are the config's digests of the uncompressed layers, empty when the config lists
 * none.
 */
public record Image(
    Descriptor manifest,
    Platform platform,
    Descriptor config,
    List<Descriptor> layers,
    List<Digest> diffIds) {
  public Image {
    layers = List.copyOf(layers);
    diffIds = List.copyOf(diffIds);
  }
}
