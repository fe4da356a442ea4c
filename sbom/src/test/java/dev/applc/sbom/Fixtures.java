package dev.applc.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** The dpkg status fixture and a built image made from it. */
final class Fixtures {
  private Fixtures() {}

  static String status() {
    try (InputStream in = Fixtures.class.getResourceAsStream("status")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static BuiltImage image(List<Package> packages) {
    return new BuiltImage(
        "minimal",
        "0.1.0",
        "debian",
        packages,
        Optional.of("var/lib/dpkg/status"),
        List.of(
            new Artifact("root.squashfs", "ab".repeat(32), 1),
            new Artifact("disk.raw", "cd".repeat(32), 1),
            new Artifact("minimal-0.1.0-casync.castr/", "ef".repeat(32), 3059)),
        1_765_000_000L,
        Optional.of(
            new BuiltImage.Source(
                "0123456789abcdef0123456789abcdef01234567",
                "specs/minimal/minimal.appliance",
                false)),
        "0.1.0-SNAPSHOT");
  }

  static BuiltImage image() {
    return image(DpkgStatus.installed(status()));
  }
}
