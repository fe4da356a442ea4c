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

  public static Target of(OperatingSystem os) {
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
