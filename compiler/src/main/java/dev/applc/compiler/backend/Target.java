package dev.applc.compiler.backend;

import dev.applc.compiler.model.OperatingSystem;
import dev.applc.compiler.model.OperatingSystem.Distribution;

/**
 * The versions of the tools on the appliance (and its build), derived from the distribution
 * release, so that backends generate only what those versions accept.
 *
 * @param systemd the systemd major version
 * @param raucMajor RAUC's major version (1)
 * @param raucMinor RAUC's minor version (8 on bookworm)
 * @param mkosi the mkosi major version whose config dialect to write
 * @param hasSysupdate whether the distribution ships systemd-sysupdate
 */
public record Target(int systemd, int raucMajor, int raucMinor, int mkosi, boolean hasSysupdate) {

  /** The release's versions, with the ones the spec states in `os { tools { ... } }`. */
  public static Target of(OperatingSystem os) {
    Target release = ofRelease(os);
    OperatingSystem.ToolVersions t = os.tools();
    int systemd = t.systemd().orElse(release.systemd());
    int raucMajor = release.raucMajor();
    int raucMinor = release.raucMinor();
    if (t.rauc().isPresent()) {
      String[] parts = t.rauc().get().split("\\.", -1);
      raucMajor = leadingNumber(parts[0], raucMajor);
      raucMinor = parts.length > 1 ? leadingNumber(parts[1], 0) : 0;
    }
    // systemd-sysupdate exists from 251 on; a stated version decides, else the release does.
    boolean sysupdate = t.systemd().isPresent() ? systemd >= 251 : release.hasSysupdate();
    return new Target(systemd, raucMajor, raucMinor, t.mkosi().orElse(release.mkosi()), sysupdate);
  }

  private static int leadingNumber(String s, int fallback) {
    int i = 0;
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      i++;
    }
    return i == 0 ? fallback : Integer.parseInt(s.substring(0, Math.min(i, 6)));
  }

  private static Target ofRelease(OperatingSystem os) {
    Distribution d = os.distribution();
    String r = os.release();
    if (d == Distribution.DEBIAN) {
      return switch (r) {
        case "bullseye" -> new Target(247, 1, 5, 9, false);
        case "bookworm", "stable" -> new Target(252, 1, 8, 14, false);
        case "trixie" -> new Target(257, 1, 13, 25, true);
        default -> new Target(258, 1, 14, 25, true); // forky, sid, testing, unstable
      };
    }
    if (d == Distribution.ARCH) {
      return new Target(258, 1, 14, 25, true);
    }
    return new Target(257, 1, 13, 25, false); // alpine: no sysupdate packaged
  }

  public boolean raucAtLeast(int major, int minor) {
    return raucMajor > major || (raucMajor == major && raucMinor >= minor);
  }

  public String rauc() {
    return raucMajor + "." + raucMinor;
  }
}
