package dev.applc.compiler.sema;

import java.util.regex.Pattern;

/**
 * Which host names an appliance may have: what systemd's {@code hostname_is_valid} and the kernel
 * accept (64 characters at most, HOST_NAME_MAX), in the RFC 1123 form: dot-separated labels of
 * letters, digits and inner hyphens.
 */
final class Hostnames {
  private Hostnames() {}

  static final int MAX_LENGTH = 64;

  private static final Pattern LABEL =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  static boolean isValid(String name) {
    if (name.isEmpty() || name.length() > MAX_LENGTH) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }
}
