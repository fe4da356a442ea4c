package dev.applc.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import com.github.packageurl.PackageURLBuilder;
import java.util.Comparator;

/**
 * One installed package of an image, as its package database names it.
 *
 * @param name the package name, such as {@code linux-image-6.1.0-28-amd64}
 * @param version the version, with its epoch if it has one ({@code 1:2.38.1-5+deb12u2})
 * @param architecture {@code amd64}, {@code arm64}, ... or {@code all}
 */
public record Package(String name, String version, String architecture) {
  /** By name, then architecture: the order of an SBOM's components and of a diff. */
  public static final Comparator<Package> ORDER =
      Comparator.comparing(Package::name)
          .thenComparing(Package::architecture)
          .thenComparing(Package::version);

  /** {@code name:arch}: what identifies a package across two images (dpkg's multi-arch name). */
  public String key() {
    return name + ":" + architecture;
  }

  /** {@code pkg:deb/NAMESPACE/NAME@VERSION?arch=ARCH}, encoded by the purl library. */
  public String purl(String namespace) {
    try {
      return PackageURLBuilder.aPackageURL()
          .withType(PackageURL.StandardTypes.DEBIAN)
          .withNamespace(namespace)
          .withName(name)
          .withVersion(version)
          .withQualifier("arch", architecture)
          .build()
          .canonicalize();
    } catch (MalformedPackageURLException e) {
      throw new IllegalArgumentException("no package URL for " + key() + ": " + e.getMessage(), e);
    }
  }

  /** The package a {@code pkg:deb/...} URL names, or null for any other URL. */
  static Package fromPurl(String purl) {
    try {
      PackageURL p = new PackageURL(purl);
      if (!PackageURL.StandardTypes.DEBIAN.equals(p.getType()) || p.getVersion() == null) {
        return null;
      }
      String arch = p.getQualifiers() == null ? null : p.getQualifiers().get("arch");
      return new Package(p.getName(), p.getVersion(), arch == null ? "" : arch);
    } catch (MalformedPackageURLException e) {
      return null;
    }
  }
}
