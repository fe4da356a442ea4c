package dev.applc.backends.systemd;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Unit names made from paths, escaped as {@code systemd-escape --path} does. */
public final class UnitNames {
  private UnitNames() {}

  /** The device unit of a device node, such as {@code dev-disk-by\x2dpartlabel-system.device}. */
  public static String device(String path) {
    return escapePath(path) + ".device";
  }

  /**
   * A path as one unit name component: no leading or trailing slash, each slash a dash, and every
   * byte other than ASCII letters, digits, {@code :}, {@code _} and a {@code .} that does not lead
   * written as {@code \xNN}.
   */
  public static String escapePath(String path) {
    String trimmed = path.replaceAll("^/+|/+$", "").replaceAll("/+", "/");
    if (trimmed.isEmpty()) {
      return "-";
    }
    StringBuilder b = new StringBuilder();
    byte[] bytes = trimmed.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int c = bytes[i] & 0xff;
      if (c == '/') {
        b.append('-');
      } else if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == ':'
          || c == '_'
          || (c == '.' && i > 0)) {
        b.append((char) c);
      } else {
        b.append(String.format(Locale.ROOT, "\\x%02x", c));
      }
    }
    return b.toString();
  }
}
