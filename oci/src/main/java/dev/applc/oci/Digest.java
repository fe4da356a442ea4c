package dev.applc.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest such as {@code sha256:9f86…}. Parsing checks the hex strictly, because the
 * digest also names the blob's file ({@code blobs/sha256/9f86…}): nothing else may reach a path.
 */
public record Digest(String algorithm, String hex) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern SHA512 = Pattern.compile("[0-9a-f]{128}");

  public Digest {
    Pattern pattern =
        switch (algorithm) {
          case "sha256" -> SHA256;
          case "sha512" -> SHA512;
          default ->
              throw new IllegalArgumentException("unsupported digest algorithm " + algorithm);
        };
    if (!pattern.matcher(hex).matches()) {
      throw new IllegalArgumentException("malformed " + algorithm + " digest " + hex);
    }
  }

  /** Parses {@code ALGORITHM:HEX}. */
  public static Digest parse(String text) throws OciException {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new OciException("malformed digest `" + text + "`: expected `sha256:HEX`");
    }
    try {
      return new Digest(text.substring(0, colon), text.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new OciException("malformed digest `" + text + "`: " + e.getMessage(), e);
    }
  }

  /** A new hasher for this digest's algorithm. */
  public MessageDigest newHasher() {
    return hasher(algorithm);
  }

  static MessageDigest hasher(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no " + algorithm, e);
    }
  }

  /** The digest of finished hasher output, in the given algorithm. */
  static Digest of(String algorithm, byte[] hash) {
    return new Digest(algorithm, HexFormat.of().formatHex(hash));
  }

  /** The blob's path inside an image layout, such as {@code blobs/sha256/9f86…}. */
  public String blobPath() {
    return "blobs/" + algorithm + "/" + hex;
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
