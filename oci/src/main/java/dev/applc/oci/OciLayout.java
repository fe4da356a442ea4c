package dev.applc.oci;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A local OCI image layout, a directory or its tar archive: chooses an image by reference and
 * platform, and hands out its blobs checked against their digests.
 */
public final class OciLayout implements Closeable {
  /** Index, manifest and config documents are small; a larger one is refused, not buffered. */
  private static final long MAX_DOCUMENT = 4 << 20;

  /** Indexes nest (a tagged index of per-platform manifests); deeper nests are refused. */
  private static final int MAX_NESTING = 4;

  private final Path path;
  private final LayoutSource source;

  private OciLayout(Path path, LayoutSource source) {
    this.path = path;
    this.source = source;
  }

  /** Opens a layout directory or archive and checks its {@code oci-layout} version. */
  public static OciLayout open(Path path) throws IOException {
    OciLayout layout = new OciLayout(path, LayoutSource.open(path));
    try {
      JsonObject marker = Json.parse(layout.readFile("oci-layout"), path + ": oci-layout");
      String version = Json.string(marker, "imageLayoutVersion", path + ": oci-layout");
      if (version == null || !version.startsWith("1.")) {
        throw new OciException(
            path + ": image layout version `" + version + "` is not supported (expected 1.x)");
      }
      return layout;
    } catch (IOException | RuntimeException e) {
      layout.close();
      throw e;
    }
  }

  /**
   * Chooses the image named {@code ref} (its {@code org.opencontainers.image.ref.name} or {@code
   * io.containerd.image.name} annotation in {@code index.json}), or, when {@code ref} is null, the
   * only one or the only one for {@code platform}. An image index is followed to the first manifest
   * for {@code platform}. The chosen image's config must be for {@code platform}.
   */
  public Image select(String ref, Platform platform) throws IOException {
    List<Descriptor> manifests =
        Json.descriptors(
            Json.parse(readFile("index.json"), path + ": index.json"),
            "manifests",
            path + ": index.json");
    List<Descriptor> candidates = manifests;
    if (ref != null) {
      candidates = manifests.stream().filter(m -> m.refNames().contains(ref)).toList();
      if (candidates.isEmpty()) {
        throw new OciException(path + ": no image named `" + ref + "`; " + names(manifests));
      }
    }
    if (candidates.isEmpty()) {
      throw new OciException(path + ": index.json lists no image");
    }
    if (candidates.size() > 1) {
      List<Descriptor> forPlatform =
          candidates.stream()
              .filter(m -> m.platform() == null || platform.accepts(m.platform()))
              .toList();
      if (forPlatform.size() != 1) {
        throw new OciException(
            path + ": holds several images; choose one by reference: " + names(manifests));
      }
      candidates = forPlatform;
    }
    return resolve(candidates.get(0), platform, 0);
  }

  private static String names(List<Descriptor> manifests) {
    String names =
        manifests.stream()
            .flatMap(m -> m.refNames().stream())
            .distinct()
            .map(n -> "`" + n + "`")
            .collect(Collectors.joining(", "));
    return names.isEmpty() ? "its images have no reference names" : "it holds " + names;
  }

  private Image resolve(Descriptor descriptor, Platform platform, int depth) throws IOException {
    String what = "manifest";
    JsonObject document = Json.parse(readBlob(descriptor, what), what + " " + descriptor.digest());
    String where = what + " " + descriptor.digest();
    String mediaType = descriptor.mediaType();
    if (mediaType.isEmpty()) {
      String own = Json.string(document, "mediaType", where);
      mediaType = own != null ? own : document.has("manifests") ? MediaTypes.OCI_INDEX : "";
    }
    if (MediaTypes.INDEXES.contains(mediaType)) {
      if (depth >= MAX_NESTING) {
        throw new OciException(where + ": image indexes nest more than " + MAX_NESTING + " deep");
      }
      List<Descriptor> children = Json.descriptors(document, "manifests", where);
      List<String> offered = new ArrayList<>();
      for (Descriptor child : children) {
        if (child.platform() != null && platform.accepts(child.platform())) {
          return resolve(child, platform, depth + 1);
        }
        offered.add(child.platform() == null ? "(no platform)" : child.platform().toString());
      }
      throw new OciException(
          where + ": image index has no manifest for " + platform + "; it offers " + offered);
    }
    if (!MediaTypes.MANIFESTS.contains(mediaType) && !document.has("layers")) {
      throw new OciException(where + ": media type `" + mediaType + "` is not an image manifest");
    }
    JsonElement configJson = document.get("config");
    if (configJson == null) {
      throw new OciException(where + " has no config");
    }
    Descriptor config = Descriptor.fromJson(configJson, where);
    List<Descriptor> layers = Json.descriptors(document, "layers", where);
    JsonObject configDocument = Json.parse(readBlob(config, "config"), "config " + config.digest());
    Platform imagePlatform = Json.platform(configDocument, "config " + config.digest());
    if (!platform.accepts(imagePlatform)) {
      throw new OciException(where + " is an image for " + imagePlatform + ", not for " + platform);
    }
    return new Image(descriptor, imagePlatform, config, layers, diffIds(configDocument, config));
  }

  private static List<Digest> diffIds(JsonObject config, Descriptor descriptor)
      throws OciException {
    List<Digest> ids = new ArrayList<>();
    JsonElement rootfs = config.get("rootfs");
    if (rootfs != null && rootfs.isJsonObject()) {
      JsonElement list = rootfs.getAsJsonObject().get("diff_ids");
      if (list != null && list.isJsonArray()) {
        for (JsonElement id : list.getAsJsonArray()) {
          if (!id.isJsonPrimitive()) {
            throw new OciException("config " + descriptor.digest() + ": malformed diff_ids");
          }
          ids.add(Digest.parse(id.getAsString()));
        }
      }
    }
    return ids;
  }

  /**
   * Opens a blob; the stream fails when the blob grows past its size, and {@link
   * BlobInputStream#verify} checks the rest.
   */
  BlobInputStream openBlob(Descriptor descriptor, String what) throws IOException {
    InputStream in = source.open(descriptor.digest().blobPath());
    if (in == null) {
      throw new OciException(path + ": " + what + " blob " + descriptor.digest() + " is missing");
    }
    return new BlobInputStream(in, descriptor, what);
  }

  /** Reads a whole (small) blob and checks its size and digest. */
  private byte[] readBlob(Descriptor descriptor, String what) throws IOException {
    if (descriptor.size() > MAX_DOCUMENT) {
      throw new OciException(
          what
              + " "
              + descriptor.digest()
              + " is "
              + descriptor.size()
              + " bytes; more than a "
              + what
              + " can be");
    }
    try (BlobInputStream in = openBlob(descriptor, what)) {
      byte[] bytes = in.readNBytes((int) descriptor.size());
      in.verify();
      return bytes;
    }
  }

  private byte[] readFile(String name) throws IOException {
    try (InputStream in = source.open(name)) {
      if (in == null) {
        throw new OciException(path + ": not an OCI image layout (it has no " + name + ")");
      }
      byte[] bytes = in.readNBytes((int) MAX_DOCUMENT + 1);
      if (bytes.length > MAX_DOCUMENT) {
        throw new OciException(path + ": " + name + " is larger than " + MAX_DOCUMENT + " bytes");
      }
      return bytes;
    }
  }

  /** The layout's path, for messages. */
  public Path path() {
    return path;
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
