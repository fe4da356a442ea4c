package dev.applc.compiler.model;

import java.util.Optional;

/**
 * A local OCI image, as {@code oci("PATH:REF")} names it: an image layout folder or its tar
 * archive, relative to the spec's folder, as {@code skopeo copy ... oci:PATH:REF} or {@code
 * oci-archive:PATH:REF} writes it, and the {@code org.opencontainers.image.ref.name} of the image
 * to take from it, when it holds several.
 *
 * @param path the layout folder or archive, relative to the spec's folder
 * @param ref the image's reference name in the layout's index, if given
 */
public record OciImage(String path, Optional<String> ref) {

  /**
   * The image {@code text} names: the part after the last {@code :} is the reference when it holds
   * no {@code /} (so {@code "images:v1/base"} is a path), as skopeo reads {@code oci:PATH:REF}.
   */
  public static OciImage parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0 || text.indexOf('/', colon) >= 0) {
      return new OciImage(text, Optional.empty());
    }
    return new OciImage(text.substring(0, colon), Optional.of(text.substring(colon + 1)));
  }
}
