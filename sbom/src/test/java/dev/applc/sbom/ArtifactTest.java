package dev.applc.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactTest {
  @TempDir Path images;

  @Test
  void everyFileByItsSha256AndAFolderByItsListing() throws Exception {
    Files.writeString(images.resolve("disk.raw"), "disk");
    Files.writeString(images.resolve("b.efi"), "uki");
    Path store = Files.createDirectories(images.resolve("x.castr/ab12"));
    Files.writeString(store.resolve("ab12.cacnk"), "chunk");
    Files.createSymbolicLink(images.resolve("link"), images.resolve("disk.raw"));
    List<Artifact> artifacts = Artifact.in(images);
    String chunk = sha256("chunk");
    assertEquals(
        List.of(
            new Artifact("b.efi", sha256("uki"), 1),
            new Artifact("disk.raw", sha256("disk"), 1),
            new Artifact("x.castr/", sha256(chunk + "  ab12/ab12.cacnk\n"), 1)),
        artifacts);
  }

  private static String sha256(String text) {
    var md = Artifact.digest();
    return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
