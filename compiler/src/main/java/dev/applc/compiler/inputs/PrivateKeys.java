package dev.applc.compiler.inputs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Recognises a PEM private key by its armour ({@code -----BEGIN ... PRIVATE KEY-----}, which covers
 * PKCS#8, RSA, EC, OpenSSH and encrypted keys) in the first bytes of a file: enough for any key
 * file, and reading no more keeps a large overlay quick to check.
 */
final class PrivateKeys {
  private PrivateKeys() {}

  static final int HEAD_BYTES = 8192;

  private static final Pattern ARMOUR = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----");

  /** Whether a regular file starts with a private key; an unreadable file is not judged one. */
  static boolean isPrivateKey(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(HEAD_BYTES);
      return ARMOUR.matcher(new String(head, StandardCharsets.ISO_8859_1)).find();
    } catch (IOException e) {
      return false;
    }
  }
}
