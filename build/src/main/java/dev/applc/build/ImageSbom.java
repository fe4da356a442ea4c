package dev.applc.build;

import dev.applc.compiler.model.Appliance;
import dev.applc.sbom.Artifact;
import dev.applc.sbom.BuiltImage;
import dev.applc.sbom.CycloneDx;
import dev.applc.sbom.DpkgStatus;
import dev.applc.sbom.Package;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The SBOM of a finished build, {@code OUT/sbom.cdx.json}: the packages of the image's dpkg
 * database, which the configure phase copies to {@code work/sbom/dpkg-status} before a later phase
 * may strip it from the image, the SHA-256 of everything in {@code images/}, the spec's commit and
 * the source date.
 */
public final class ImageSbom {
  /** Where the phases leave the image's dpkg database, relative to the work folder. */
  public static final String DPKG_STATUS = "sbom/dpkg-status";

  private ImageSbom() {}

  /** What a build wrote: the file and how many packages and artifacts it lists. */
  public record Written(Path file, int packages, int artifacts) {}

  /** The SBOM's place in an output folder. */
  public static Path file(Path out) {
    return out.resolve(CycloneDx.FILE_NAME);
  }

  /** Reads what the build made and writes the SBOM beside its folders, replacing an older one. */
  public static Written write(
      Path out, BuildEnvironment env, Appliance appliance, Path specFile, String tool)
      throws IOException {
    BuiltImage image = describe(env, appliance.name(), appliance.version(), specFile, tool);
    Path file = file(out);
    Path tmp = out.resolve(CycloneDx.FILE_NAME + ".tmp");
    Files.write(tmp, CycloneDx.write(image));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new Written(file, image.packages().size(), image.artifacts().size());
  }

  static BuiltImage describe(
      BuildEnvironment env, String name, String version, Path specFile, String tool)
      throws IOException {
    Path status = env.work().resolve(DPKG_STATUS);
    List<Package> packages = List.of();
    Optional<String> database = Optional.empty();
    // A regular file the phase copied out of the image; never a link that the build did not make.
    if (Files.isRegularFile(status, LinkOption.NOFOLLOW_LINKS)) {
      packages = DpkgStatus.installed(Files.readString(status, StandardCharsets.UTF_8));
      database = Optional.of("var/lib/dpkg/status");
    }
    return new BuiltImage(
        name,
        version,
        "debian",
        packages,
        database,
        Artifact.in(env.images()),
        env.sourceDateEpoch(),
        SourceRevision.of(specFile),
        tool);
  }
}
