package dev.applc.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UnpackerTest {
  private static final UnpackOptions ROOT = new UnpackOptions(true, true);

  @TempDir Path tmp;

  private static TestLayer base() {
    return new TestLayer()
        .dir("etc", 0755)
        .file("etc/hostname", "box\n", 0644)
        .file("/etc/shadow", "secret\n", 0640, 0, 42)
        .dir("usr/bin", 0755)
        .file("usr/bin/su", "su\n", 04755)
        .file("usr/bin/tool", "tool\n", 0755, 1000, 1000)
        .symlink("bin", "usr/bin")
        .hardlink("usr/bin/tool2", "usr/bin/tool")
        .dir("./tmp", 01777);
  }

  private static UnpackReport unpack(Path image, Path target) throws IOException {
    return new Unpacker(ROOT).unpack(image, null, Platform.LINUX_AMD64, target);
  }

  @ParameterizedTest
  @EnumSource(LayerFormat.class)
  void unpacksEveryLayerCompression(LayerFormat format) throws IOException {
    assumeRoot();
    TestImages images = new TestImages(tmp.resolve("image"));
    images.only(images.manifest("linux/amd64", format, base()));
    Path root = tmp.resolve("root");

    UnpackReport report = unpack(images.path(), root);

    assertEquals(1, report.layers());
    assertEquals(9, report.entries());
    assertEquals(List.of(), report.warnings());
    Map<String, String> tree = Trees.snapshot(root);
    String mtime = TestLayer.MTIME.toString();
    assertEquals("040755 0:0 " + mtime, tree.get("/etc"));
    assertEquals("100644 0:0 " + mtime + " 'box\n'", tree.get("/etc/hostname"));
    assertEquals("100640 0:42 " + mtime + " 'secret\n'", tree.get("/etc/shadow"));
    assertEquals("104755 0:0 " + mtime + " 'su\n'", tree.get("/usr/bin/su"));
    assertEquals("100755 1000:1000 " + mtime + " 'tool\n'", tree.get("/usr/bin/tool"));
    assertEquals(tree.get("/usr/bin/tool"), tree.get("/usr/bin/tool2"));
    assertTrue(Files.isSameFile(root.resolve("usr/bin/tool"), root.resolve("usr/bin/tool2")));
    assertEquals("120777 0:0 " + mtime + " -> usr/bin", tree.get("/bin"));
    assertEquals("041777 0:0 " + mtime, tree.get("/tmp"));
    // `usr` is implied by `usr/bin`, not listed: a fixed mode and mtime keep the tree the same.
    assertEquals("040755 0:0 1970-01-01T00:00:00Z", tree.get("/usr"));
  }

  @Test
  void whiteoutsDeleteAndOpaqueDirectoriesHideLowerContent() throws IOException {
    TestLayer lower =
        new TestLayer()
            .file("etc/a", "a", 0644)
            .file("etc/b", "b", 0644)
            .file("var/lib/x/y", "y", 0644)
            .file("var/lib/z", "z", 0644)
            .file("var/lib/kept/old", "old", 0644)
            .file("swap", "file", 0644)
            .file("swapdir/inner", "inner", 0644)
            .symlink("link", "etc");
    TestLayer upper =
        new TestLayer()
            .whiteout("etc", "a")
            .dir("var/lib", 0750)
            .file("var/lib/new", "new", 0644)
            .dir("var/lib/kept", 0755)
            .opaque("var/lib")
            .file("var/lib/kept/fresh", "fresh", 0644)
            .dir("swap", 0700)
            .file("swap/child", "child", 0644)
            .file("swapdir", "now a file", 0644)
            .dir("link", 0755)
            .whiteout("", "ghost");
    TestImages images = new TestImages(tmp.resolve("image"));
    images.only(images.manifest("linux/amd64", LayerFormat.GZIP, lower, upper));
    Path root = tmp.resolve("root");

    unpack(images.path(), root);

    assertEquals(
        List.of(
            "/etc",
            "/etc/b",
            "/link",
            "/swap",
            "/swap/child",
            "/swapdir",
            "/var",
            "/var/lib",
            "/var/lib/kept",
            "/var/lib/kept/fresh",
            "/var/lib/new"),
        List.copyOf(Trees.snapshot(root).keySet()));
    assertTrue(Files.isDirectory(root.resolve("link"), LinkOption.NOFOLLOW_LINKS));
    assertEquals("now a file", Files.readString(root.resolve("swapdir")));
    assertTrue(Trees.describe(root.resolve("var/lib")).startsWith("040750 "));
  }

  @Test
  void anArchiveUnpacksAsItsLayoutDirectoryDoes() throws IOException {
    TestImages images = new TestImages(tmp.resolve("image"));
    images.only(images.manifest("linux/amd64", LayerFormat.ZSTD, base(), new TestLayer()));
    Path archive = images.archive(tmp.resolve("image.tar"));

    unpack(images.path(), tmp.resolve("from-dir"));
    unpack(archive, tmp.resolve("from-archive"));

    assertEquals(
        Trees.snapshot(tmp.resolve("from-dir")), Trees.snapshot(tmp.resolve("from-archive")));
  }

  @Test
  void theSameImageGivesTheSameTree() throws IOException, InterruptedException {
    TestImages images = new TestImages(tmp.resolve("image"));
    images.only(images.manifest("linux/amd64", LayerFormat.GZIP, base()));

    unpack(images.path(), tmp.resolve("one"));
    Thread.sleep(20);
    unpack(images.path(), tmp.resolve("two"));

    assertEquals(Trees.snapshot(tmp.resolve("one")), Trees.snapshot(tmp.resolve("two")));
  }

  @Test
  void choosesByReference() throws IOException {
    TestImages images = new TestImages(tmp.resolve("image"));
    Map<String, com.google.gson.JsonObject> named = new LinkedHashMap<>();
    named.put(
        "debianhost",
        images.manifest("linux/amd64", LayerFormat.TAR, new TestLayer().file("host", "", 0644)));
    named.put(
        "debianui",
        images.manifest("linux/amd64", LayerFormat.TAR, new TestLayer().file("ui", "", 0644)));
    images.index(named);
    Unpacker unpacker = new Unpacker(ROOT);

    unpacker.unpack(images.path(), "debianui", Platform.LINUX_AMD64, tmp.resolve("root"));

    assertTrue(Files.exists(tmp.resolve("root/ui")));
    assertFalse(Files.exists(tmp.resolve("root/host")));
    OciException none =
        assertThrows(
            OciException.class,
            () -> unpacker.unpack(images.path(), null, Platform.LINUX_AMD64, tmp.resolve("x")));
    assertTrue(
        none.getMessage()
            .endsWith(
                "holds several images; choose one by reference: it holds"
                    + " `debianhost`, `debianui`"),
        none.getMessage());
    OciException unknown =
        assertThrows(
            OciException.class,
            () -> unpacker.unpack(images.path(), "nope", Platform.LINUX_AMD64, tmp.resolve("x")));
    assertTrue(unknown.getMessage().contains("no image named `nope`"), unknown.getMessage());
  }

  @Test
  void followsAnImageIndexToThePlatform() throws IOException {
    TestImages images = new TestImages(tmp.resolve("image"));
    images.index(
        Map.of(
            "latest",
            images.nestedIndex(
                images.manifest(
                    "linux/arm64", LayerFormat.GZIP, new TestLayer().file("arch", "arm64", 0644)),
                images.manifest(
                    "linux/amd64",
                    LayerFormat.GZIP,
                    new TestLayer().file("arch", "amd64", 0644)))));
    Unpacker unpacker = new Unpacker(ROOT);

    unpacker.unpack(images.path(), "latest", Platform.LINUX_AMD64, tmp.resolve("amd64"));
    unpacker.unpack(images.path(), "latest", Platform.parse("linux/arm64"), tmp.resolve("arm64"));

    assertEquals("amd64", Files.readString(tmp.resolve("amd64/arch")));
    assertEquals("arm64", Files.readString(tmp.resolve("arm64/arch")));
    OciException e =
        assertThrows(
            OciException.class,
            () ->
                unpacker.unpack(
                    images.path(), "latest", Platform.parse("linux/s390x"), tmp.resolve("x")));
    assertTrue(
        e.getMessage()
            .endsWith(
                "image index has no manifest for linux/s390x; it offers"
                    + " [linux/arm64, linux/amd64]"),
        e.getMessage());
  }

  @Test
  void refusesAnImageForAnotherPlatform() throws IOException {
    TestImages images = new TestImages(tmp.resolve("image"));
    images.only(images.manifest("linux/arm64", LayerFormat.TAR, new TestLayer()));

    OciException e =
        assertThrows(OciException.class, () -> unpack(images.path(), tmp.resolve("root")));

    assertTrue(e.getMessage().endsWith("is an image for linux/arm64, not for linux/amd64"));
  }

  @Test
  void aCorruptedLayerIsNamedAndNothingIsWritten() throws IOException {
    TestImages images = new TestImages(tmp.resolve("image"));
    com.google.gson.JsonObject manifest =
        images.manifest(
            "linux/amd64", LayerFormat.TAR, base(), new TestLayer().file("x", "x", 0644));
    images.only(manifest);
    Path layer = lastLayerBlob(images);
    byte[] bytes = Files.readAllBytes(layer);
    bytes[600] ^= 1;
    Files.write(layer, bytes);
    Path root = tmp.resolve("root");

    OciException e = assertThrows(OciException.class, () -> unpack(images.path(), root));

    String digest = "sha256:" + layer.getFileName();
    assertTrue(
        e.getMessage().startsWith("layer " + digest + " is corrupted: its content has digest"),
        e.getMessage());
    assertFalse(Files.exists(root));
  }

  @Test
  void aTruncatedOrCorruptedManifestIsNamed() throws IOException {
    TestImages images = new TestImages(tmp.resolve("image"));
    com.google.gson.JsonObject manifest = images.manifest("linux/amd64", LayerFormat.TAR, base());
    images.only(manifest);
    String digest = manifest.get("digest").getAsString();
    Path blob = images.path().resolve("blobs/sha256/" + digest.substring(7));
    byte[] bytes = Files.readAllBytes(blob);
    Files.write(blob, java.util.Arrays.copyOf(bytes, bytes.length - 1));

    OciException e =
        assertThrows(OciException.class, () -> unpack(images.path(), tmp.resolve("root")));

    assertEquals(
        "manifest "
            + digest
            + " has "
            + (bytes.length - 1)
            + " bytes, its descriptor says "
            + bytes.length,
        e.getMessage());
    Files.delete(blob);
    e = assertThrows(OciException.class, () -> unpack(images.path(), tmp.resolve("root")));
    assertTrue(e.getMessage().endsWith("manifest blob " + digest + " is missing"), e.getMessage());
  }

  @Test
  void devicesNeedRootFifosDoNot() throws IOException {
    TestLayer layer =
        new TestLayer()
            .special("dev/null", TarConstants.LF_CHR, 1, 3, 0666)
            .special("run/initctl", TarConstants.LF_FIFO, 0, 0, 0600);
    TestImages images = new TestImages(tmp.resolve("image"));
    images.only(images.manifest("linux/amd64", LayerFormat.TAR, layer));

    UnpackReport user =
        new Unpacker(new UnpackOptions(false, false))
            .unpack(images.path(), null, Platform.LINUX_AMD64, tmp.resolve("user"));

    assertEquals(
        List.of("skipped device `/dev/null`: creating devices needs root"), user.warnings());
    assertFalse(Files.exists(tmp.resolve("user/dev/null"), LinkOption.NOFOLLOW_LINKS));
    assertTrue(Trees.describe(tmp.resolve("user/run/initctl")).startsWith("010600 "));
    assumeRoot();
    unpack(images.path(), tmp.resolve("root"));
    assertTrue(Trees.describe(tmp.resolve("root/dev/null")).startsWith("020666 0:0 "));
  }

  @Test
  void userXattrsAreAppliedOthersReported() throws IOException {
    TestLayer layer =
        new TestLayer()
            .xattrs(
                "usr/bin/ping",
                "ping",
                Map.of("user.origin", "debian", "security.capability", "caps"));
    TestImages images = new TestImages(tmp.resolve("image"));
    images.only(images.manifest("linux/amd64", LayerFormat.TAR, layer));
    Path root = tmp.resolve("root");

    UnpackReport report = unpack(images.path(), root);

    assertEquals(
        List.of(
            "skipped xattr `security.capability` of `/usr/bin/ping`: only user.* extended"
                + " attributes are applied"),
        report.warnings());
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(
            root.resolve("usr/bin/ping"), UserDefinedFileAttributeView.class);
    ByteBuffer value = ByteBuffer.allocate(64);
    try {
      view.read("origin", value);
    } catch (IOException e) {
      assumeTrue(false, "this file system has no user xattrs: " + e.getMessage());
    }
    assertEquals("debian", new String(value.array(), 0, value.position(), StandardCharsets.UTF_8));
  }

  static Path lastLayerBlob(TestImages images) throws IOException {
    com.google.gson.JsonObject index =
        com.google.gson.JsonParser.parseString(
                Files.readString(images.path().resolve("index.json")))
            .getAsJsonObject();
    String manifest =
        index.getAsJsonArray("manifests").get(0).getAsJsonObject().get("digest").getAsString();
    com.google.gson.JsonObject m =
        com.google.gson.JsonParser.parseString(
                Files.readString(images.path().resolve("blobs/sha256/" + manifest.substring(7))))
            .getAsJsonObject();
    var layers = m.getAsJsonArray("layers");
    String digest = layers.get(layers.size() - 1).getAsJsonObject().get("digest").getAsString();
    return images.path().resolve("blobs/sha256/" + digest.substring(7));
  }

  static void assumeRoot() {
    assumeTrue(UnpackOptions.forCurrentUser().owners(), "needs root to set owners");
  }
}
