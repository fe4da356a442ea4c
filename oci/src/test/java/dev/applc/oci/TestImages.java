package dev.applc.oci;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/**
 * Writes small OCI image layouts for tests: blobs, manifests, indexes, and archives of them. Also
 * in the module's test jar, for the build phases' tests in cli.
 */
public final class TestImages {
  private final Path layout;

  public TestImages(Path layout) throws IOException {
    this.layout = layout;
    Files.createDirectories(layout.resolve("blobs/sha256"));
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
  }

  public Path path() {
    return layout;
  }

  /** Writes a blob and returns its descriptor JSON. */
  JsonObject blob(String mediaType, byte[] bytes) throws IOException {
    String hex = sha256(bytes);
    Files.write(layout.resolve("blobs/sha256/" + hex), bytes);
    JsonObject descriptor = new JsonObject();
    descriptor.addProperty("mediaType", mediaType);
    descriptor.addProperty("digest", "sha256:" + hex);
    descriptor.addProperty("size", bytes.length);
    return descriptor;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] compress(byte[] tar, LayerFormat format) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out =
        switch (format) {
          case TAR -> bytes;
          case GZIP -> new GzipCompressorOutputStream(bytes);
          case ZSTD -> new ZstdCompressorOutputStream(bytes);
        }) {
      out.write(tar);
    }
    return bytes.toByteArray();
  }

  static String mediaType(LayerFormat format) {
    return switch (format) {
      case TAR -> "application/vnd.oci.image.layer.v1.tar";
      case GZIP -> "application/vnd.oci.image.layer.v1.tar+gzip";
      case ZSTD -> "application/vnd.oci.image.layer.v1.tar+zstd";
    };
  }

  /** Writes an image manifest (and its config) for these layers; returns its descriptor. */
  public JsonObject manifest(String platform, LayerFormat format, TestLayer... layers)
      throws IOException {
    List<Layer> blobs = new ArrayList<>();
    for (TestLayer layer : layers) {
      byte[] tar = layer.tar();
      blobs.add(new Layer(mediaType(format), compress(tar, format), tar));
    }
    return manifest(platform, blobs);
  }

  /** Writes an image manifest of uncompressed layers; returns its descriptor. */
  public JsonObject manifest(String platform, TestLayer... layers) throws IOException {
    return manifest(platform, LayerFormat.TAR, layers);
  }

  /**
   * Writes an image manifest whose one layer is an uncompressed tar file; returns its descriptor.
   */
  public JsonObject manifestOfTar(String platform, Path tar) throws IOException {
    byte[] bytes = Files.readAllBytes(tar);
    return manifest(platform, List.of(new Layer(mediaType(LayerFormat.TAR), bytes, bytes)));
  }

  /** A layer blob as some tool wrote it, and its uncompressed tar for the diff_id. */
  record Layer(String mediaType, byte[] blob, byte[] tar) {}

  JsonObject manifest(String platform, List<Layer> layers) throws IOException {
    JsonArray layerDescriptors = new JsonArray();
    JsonArray diffIds = new JsonArray();
    for (Layer layer : layers) {
      diffIds.add("sha256:" + sha256(layer.tar()));
      layerDescriptors.add(blob(layer.mediaType(), layer.blob()));
    }
    String[] parts = platform.split("/");
    JsonObject config = new JsonObject();
    config.addProperty("os", parts[0]);
    config.addProperty("architecture", parts[1]);
    JsonObject rootfs = new JsonObject();
    rootfs.addProperty("type", "layers");
    rootfs.add("diff_ids", diffIds);
    config.add("rootfs", rootfs);
    JsonObject manifest = new JsonObject();
    manifest.addProperty("schemaVersion", 2);
    manifest.addProperty("mediaType", MediaTypes.OCI_MANIFEST);
    manifest.add("config", blob("application/vnd.oci.image.config.v1+json", bytes(config)));
    manifest.add("layers", layerDescriptors);
    JsonObject descriptor = blob(MediaTypes.OCI_MANIFEST, bytes(manifest));
    JsonObject p = new JsonObject();
    p.addProperty("os", parts[0]);
    p.addProperty("architecture", parts[1]);
    descriptor.add("platform", p);
    return descriptor;
  }

  /** Writes an image index blob over these manifests; returns its descriptor. */
  JsonObject nestedIndex(JsonObject... manifests) throws IOException {
    return blob(MediaTypes.OCI_INDEX, bytes(index(List.of(manifests))));
  }

  /** Writes index.json naming each descriptor with a reference (null: no name). */
  public TestImages index(Map<String, JsonObject> named) throws IOException {
    List<JsonObject> manifests = new ArrayList<>();
    named.forEach(
        (name, descriptor) -> {
          JsonObject copy = descriptor.deepCopy();
          if (!name.isEmpty()) {
            JsonObject annotations = new JsonObject();
            annotations.addProperty(Descriptor.REF_NAME, name);
            copy.add("annotations", annotations);
          }
          manifests.add(copy);
        });
    Files.write(layout.resolve("index.json"), bytes(index(manifests)));
    return this;
  }

  /** Writes index.json with one unnamed image. */
  public TestImages only(JsonObject descriptor) throws IOException {
    return index(Map.of("", descriptor));
  }

  private static JsonObject index(List<JsonObject> manifests) {
    JsonObject index = new JsonObject();
    index.addProperty("schemaVersion", 2);
    index.addProperty("mediaType", MediaTypes.OCI_INDEX);
    JsonArray array = new JsonArray();
    manifests.forEach(array::add);
    index.add("manifests", array);
    return index;
  }

  private static byte[] bytes(JsonObject json) {
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The layout packed as a tar archive, as {@code oci-archive:} writes it. */
  public Path archive(Path file) throws IOException {
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(file));
        Stream<Path> files = Files.walk(layout)) {
      for (Path path : files.sorted().toList()) {
        if (path.equals(layout)) {
          continue;
        }
        TarArchiveEntry entry = new TarArchiveEntry(path, layout.relativize(path).toString());
        tar.putArchiveEntry(entry);
        if (Files.isRegularFile(path)) {
          Files.copy(path, tar);
        }
        tar.closeArchiveEntry();
      }
    }
    return file;
  }
}
