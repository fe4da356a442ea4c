package dev.applc.sbom;

import java.util.List;
import java.util.Optional;

/**
 * What an SBOM says about one build of an appliance.
 *
 * @param name the appliance's name
 * @param version the appliance's version
 * @param distribution the purl namespace of its packages: {@code debian}
 * @param packages the installed packages, from the image's package database
 * @param packageDatabase what the packages were read from ({@code var/lib/dpkg/status}), or empty
 *     when the image has no database applc reads (then {@code packages} is empty)
 * @param artifacts the results of the build
 * @param sourceDateEpoch the build's SOURCE_DATE_EPOCH, the SBOM's timestamp
 * @param source the git commit the spec came from, when its folder is in a repository
 * @param tool applc's version
 */
public record BuiltImage(
    String name,
    String version,
    String distribution,
    List<Package> packages,
    Optional<String> packageDatabase,
    List<Artifact> artifacts,
    long sourceDateEpoch,
    Optional<Source> source,
    String tool) {

  public BuiltImage {
    packages = packages.stream().sorted(Package.ORDER).toList();
    artifacts = artifacts.stream().sorted(java.util.Comparator.comparing(Artifact::name)).toList();
  }

  /**
   * The spec's place in git.
   *
   * @param commit the commit id of {@code HEAD}
   * @param path the spec file, relative to the repository's work tree
   * @param modified whether the spec's folder has changes that are not committed: then the commit
   *     does not describe the source alone
   */
  public record Source(String commit, String path, boolean modified) {}
}
