package dev.applc.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layers made by independent tools rather than by Commons Compress: GNU tar (PAX format, long
 * names, hard links, set-id bits, owners, nanosecond mtimes), compressed by gzip and zstd. The
 * unpacked root must equal the folder tar read. (umoci and skopeo, which would make a whole image,
 * are not installed on the machines this runs on.)
 */
class GnuTarLayerTest {
  @TempDir Path tmp;

  @Test
  void aTreePackedByGnuTarUnpacksToTheSameTree() throws Exception {
    assumeTrue(UnpackOptions.forCurrentUser().owners(), "needs root to set owners");
    for (String tool : List.of("tar", "gzip", "zstd")) {
      assumeTrue(onPath(tool), tool + " is not installed");
    }
    Path src = tmp.resolve("src");
    Files.createDirectories(src.resolve("usr/bin"));
    Files.createDirectories(src.resolve("etc/" + "deep/".repeat(30)));
    Files.writeString(
        src.resolve("etc/" + "deep/".repeat(30) + "long-name-" + "x".repeat(120)), "long");
    Files.writeString(src.resolve("usr/bin/su"), "su");
    Files.writeString(src.resolve("usr/bin/tool"), "tool");
    Files.createLink(src.resolve("usr/bin/tool-again"), src.resolve("usr/bin/tool"));
    Files.createSymbolicLink(src.resolve("bin"), Path.of("usr/bin"));
    Files.setAttribute(src.resolve("usr/bin/su"), "unix:mode", 04755);
    Files.setAttribute(src.resolve("usr/bin/tool"), "unix:uid", 1000);
    Files.setAttribute(src.resolve("usr/bin/tool"), "unix:gid", 1001);
    Files.createDirectories(src.resolve("tmp"));
    Files.setAttribute(src.resolve("tmp"), "unix:mode", 01777);
    Map<String, String> expected = Trees.snapshot(src);

    Path tar = tmp.resolve("layer.tar");
    run(
        "tar",
        "--format=posix",
        "--numeric-owner",
        "-C",
        src.toString(),
        "-cf",
        tar.toString(),
        ".");
    run("gzip", "-n", "-k", tar.toString());
    run("zstd", "-q", "-k", tar.toString());
    byte[] tarBytes = Files.readAllBytes(tar);
    TestImages images = new TestImages(tmp.resolve("image"));
    List<TestImages.Layer> layers = new ArrayList<>();
    layers.add(
        new TestImages.Layer(
            TestImages.mediaType(LayerFormat.GZIP),
            Files.readAllBytes(tmp.resolve("layer.tar.gz")),
            tarBytes));
    layers.add(
        new TestImages.Layer(
            TestImages.mediaType(LayerFormat.ZSTD),
            Files.readAllBytes(tmp.resolve("layer.tar.zst")),
            tarBytes));
    layers.add(
        new TestImages.Layer(
            "application/vnd.docker.image.rootfs.diff.tar.gzip",
            Files.readAllBytes(tmp.resolve("layer.tar.gz")),
            tarBytes));
    images.only(images.manifest("linux/amd64", layers));
    Path root = tmp.resolve("root");

    UnpackReport report =
        new Unpacker(new UnpackOptions(true, true))
            .unpack(images.path(), null, Platform.LINUX_AMD64, root);

    assertEquals(List.of(), report.warnings());
    assertEquals(expected, Trees.snapshot(root));
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
  }
}
