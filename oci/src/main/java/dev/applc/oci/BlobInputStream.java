package dev.applc.oci;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * A blob's bytes, checked against its descriptor as they pass: more bytes than the size fail at
 * once, and {@link #verify} checks the size and digest at the end.
 */
final class BlobInputStream extends FilterInputStream {
  private final Descriptor descriptor;
  private final String what;
  private final MessageDigest hasher;
  private long count;

  BlobInputStream(InputStream in, Descriptor descriptor, String what) {
    super(in);
    this.descriptor = descriptor;
    this.what = what;
    this.hasher = descriptor.digest().newHasher();
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      hasher.update((byte) b);
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    if (n > 0) {
      hasher.update(buffer, offset, n);
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipped bytes must be hashed too.
    byte[] buffer = new byte[(int) Math.min(n, 8192)];
    int read = read(buffer, 0, buffer.length);
    return Math.max(read, 0);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void counted(int n) throws OciException {
    count += n;
    if (count > descriptor.size()) {
      throw new OciException(
          what
              + " "
              + descriptor.digest()
              + " is longer than its descriptor's "
              + descriptor.size()
              + " bytes");
    }
  }

  /** Reads what is left and checks the size and the digest. */
  void verify() throws IOException {
    byte[] buffer = new byte[65536];
    while (read(buffer, 0, buffer.length) >= 0) {
      // drain
    }
    if (count != descriptor.size()) {
      throw new OciException(
          what
              + " "
              + descriptor.digest()
              + " has "
              + count
              + " bytes, its descriptor says "
              + descriptor.size());
    }
    Digest actual = Digest.of(descriptor.digest().algorithm(), hasher.digest());
    if (!actual.equals(descriptor.digest())) {
      throw new OciException(
          what + " " + descriptor.digest() + " is corrupted: its content has digest " + actual);
    }
  }
}
