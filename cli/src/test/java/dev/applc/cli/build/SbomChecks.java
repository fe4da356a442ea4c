package dev.applc.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.sbom.Artifact;
import dev.applc.sbom.Package;
import dev.applc.sbom.Sboms;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.cyclonedx.model.Bom;

/** What every built image's SBOM must hold, checked on a real build's output folder. */
final class SbomChecks {
  private SbomChecks() {}

  /**
   * OUT/sbom.cdx.json exists and is valid CycloneDX 1.5 by the library's schema; it lists the
   * kernel and systemd with their versions, and the SHA-256 of every file in OUT/images as it is on
   * disk, disk.raw first of all.
   */
  static Bom check(Path out) throws Exception {
    Path file = out.resolve("sbom.cdx.json");
    assertTrue(Files.isRegularFile(file), "no SBOM in " + out);
    byte[] json = Files.readAllBytes(file);
    assertEquals(List.of(), Sboms.problems(json), "the SBOM is not valid CycloneDX 1.5");
    Bom bom = Sboms.parse(json);
    List<Package> packages = Sboms.packages(bom);
    assertTrue(
        packages.stream().anyMatch(p -> p.name().startsWith("linux-image-")),
        "no linux-image package in " + packages);
    Package systemd =
        packages.stream().filter(p -> p.name().equals("systemd")).findFirst().orElse(null);
    assertNotNull(systemd, "no systemd package in " + packages);
    for (Package p : packages) {
      assertFalse(p.version().isBlank(), p.toString());
      assertFalse(p.architecture().isBlank(), p.toString());
    }
    Path images = out.resolve("images");
    String disk = Sboms.sha256(bom, "disk.raw");
    assertEquals(Artifact.sha256(images.resolve("disk.raw")), disk, "disk.raw's SHA-256");
    try (Stream<Path> s = Files.list(images)) {
      for (Path image : s.sorted().toList()) {
        if (Files.isRegularFile(image, LinkOption.NOFOLLOW_LINKS)) {
          String name = image.getFileName().toString();
          assertEquals(Artifact.sha256(image), Sboms.sha256(bom, name), name + "'s SHA-256");
        }
      }
    }
    return bom;
  }
}
