package dev.applc.cli.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code applc tool oci-unpack}: unpacks an image, and fails on one line with exit 1. */
class OciUnpackCommandTest {
  @TempDir Path tmp;

  private record Run(int exit, String err) {}

  private static synchronized Run applc(String... args) {
    PrintStream err = System.err;
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      int exit = Main.run(args);
      return new Run(exit, stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(err);
    }
  }

  @Test
  void unpacksALayoutIntoTheTarget() throws Exception {
    Path image = image();
    Path root = tmp.resolve("root");

    Run run =
        applc(
            "tool", "oci-unpack", "--image", image.toString(), "--ref", "latest", root.toString());

    assertEquals(0, run.exit(), run.err());
    assertEquals("hello\n", Files.readString(root.resolve("etc/motd")));
    assertTrue(run.err().matches("unpacked sha256:[0-9a-f]{64}: 1 layers, 1 entries\n"), run.err());
  }

  @Test
  void errorsAreOneLineAndExitOne() throws Exception {
    Path image = image();

    Run wrongRef =
        applc(
            "tool",
            "oci-unpack",
            "--image",
            image.toString(),
            "--ref",
            "nope",
            tmp.resolve("r").toString());
    Run wrongPlatform =
        applc(
            "tool",
            "oci-unpack",
            "--image",
            image.toString(),
            "--platform",
            "linux/arm64",
            tmp.resolve("r").toString());
    Run missing =
        applc(
            "tool",
            "oci-unpack",
            "--image",
            tmp.resolve("none").toString(),
            tmp.resolve("r").toString());

    assertEquals(1, wrongRef.exit());
    assertEquals(
        "error: " + image + ": no image named `nope`; it holds `latest`\n", wrongRef.err());
    assertEquals(1, wrongPlatform.exit());
    assertTrue(wrongPlatform.err().endsWith("is an image for linux/amd64, not for linux/arm64\n"));
    assertEquals(1, missing.exit());
    assertEquals(1, missing.err().lines().count(), missing.err());
  }

  /** A one-layer image layout with a reference name, written by hand. */
  private Path image() throws Exception {
    Path layout = tmp.resolve("image");
    Files.createDirectories(layout.resolve("blobs/sha256"));
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
      TarArchiveEntry entry = new TarArchiveEntry("etc/motd");
      byte[] content = "hello\n".getBytes(StandardCharsets.UTF_8);
      entry.setSize(content.length);
      out.putArchiveEntry(entry);
      out.write(content);
      out.closeArchiveEntry();
    }
    String layer = blob(layout, tar.toByteArray());
    String config =
        blob(
            layout,
            ("{\"os\":\"linux\",\"architecture\":\"amd64\",\"rootfs\":{\"type\":\"layers\","
                    + "\"diff_ids\":[\""
                    + layer.split(" ")[0]
                    + "\"]}}")
                .getBytes(StandardCharsets.UTF_8));
    String manifest =
        blob(
            layout,
            ("{\"schemaVersion\":2,\"config\":"
                    + descriptor("application/vnd.oci.image.config.v1+json", config)
                    + ",\"layers\":["
                    + descriptor("application/vnd.oci.image.layer.v1.tar", layer)
                    + "]}")
                .getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        layout.resolve("index.json"),
        "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + descriptorFields(manifest)
            + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"latest\"}}]}");
    return layout;
  }

  /** Writes a blob; returns "DIGEST SIZE". */
  private static String blob(Path layout, byte[] bytes) throws Exception {
    String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    Files.write(layout.resolve("blobs/sha256/" + hex), bytes);
    return "sha256:" + hex + " " + bytes.length;
  }

  private static String descriptor(String mediaType, String blob) {
    return "{\"mediaType\":\"" + mediaType + "\"," + descriptorFields(blob) + "}";
  }

  private static String descriptorFields(String blob) {
    String[] parts = blob.split(" ");
    return "\"digest\":\"" + parts[0] + "\",\"size\":" + parts[1];
  }
}
