package dev.applc.oci;

import java.util.Objects;

/**
 * An image platform as OCI names it: {@code linux/amd64}, {@code linux/arm64/v8}. The variant is
 * null when not given.
 */
public record Platform(String os, String architecture, String variant) {
  public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null);

  /** Parses {@code OS/ARCH[/VARIANT]}. */
  public static Platform parse(String text) throws OciException {
    String[] parts = text.split("/", -1);
    if (parts.length < 2 || parts.length > 3 || text.contains("//") || text.endsWith("/")) {
      throw new OciException(
          "malformed platform `" + text + "`: expected OS/ARCH or OS/ARCH/VARIANT");
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
  }

  /**
   * Whether an image of platform {@code offered} runs here: same OS and architecture, and the same
   * variant when this platform asks for one.
   */
  public boolean accepts(Platform offered) {
    return os.equals(offered.os)
        && architecture.equals(offered.architecture)
        && (variant == null || Objects.equals(variant, offered.variant));
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }
}
