package dev.applc.oci;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An OCI content descriptor: what a blob is (media type), which it is (digest) and how long it is.
 * The platform is null unless an image index gave one.
 */
public record Descriptor(
    String mediaType,
    Digest digest,
    long size,
    Map<String, String> annotations,
    Platform platform) {

  public static final String REF_NAME = "org.opencontainers.image.ref.name";

  /** The image name that docker and containerd put beside a tag-only {@link #REF_NAME}. */
  public static final String CONTAINERD_NAME = "io.containerd.image.name";

  public Descriptor {
    annotations = Map.copyOf(annotations);
  }

  /** The reference names of this descriptor, for choosing it and for messages. */
  public List<String> refNames() {
    List<String> names = new ArrayList<>();
    for (String key : List.of(REF_NAME, CONTAINERD_NAME)) {
      String name = annotations.get(key);
      if (name != null) {
        names.add(name);
      }
    }
    return names;
  }

  /** Reads a descriptor from JSON; {@code where} names the document for messages. */
  static Descriptor fromJson(JsonElement json, String where) throws OciException {
    if (!json.isJsonObject()) {
      throw new OciException(where + ": a descriptor is not a JSON object");
    }
    JsonObject object = json.getAsJsonObject();
    String digest = Json.string(object, "digest", where);
    if (digest == null) {
      throw new OciException(where + ": a descriptor has no digest");
    }
    String mediaType = Json.string(object, "mediaType", where);
    JsonElement size = object.get("size");
    if (size == null || !size.isJsonPrimitive() || !size.getAsJsonPrimitive().isNumber()) {
      throw new OciException(where + ": descriptor " + digest + " has no size");
    }
    long bytes = size.getAsLong();
    if (bytes < 0) {
      throw new OciException(where + ": descriptor " + digest + " has a negative size");
    }
    Map<String, String> annotations = new TreeMap<>();
    JsonElement notes = object.get("annotations");
    if (notes != null && notes.isJsonObject()) {
      for (Map.Entry<String, JsonElement> note : notes.getAsJsonObject().entrySet()) {
        if (note.getValue().isJsonPrimitive()) {
          annotations.put(note.getKey(), note.getValue().getAsString());
        }
      }
    }
    Platform platform = null;
    JsonElement p = object.get("platform");
    if (p != null && p.isJsonObject()) {
      platform = Json.platform(p.getAsJsonObject(), where);
    }
    return new Descriptor(
        mediaType == null ? "" : mediaType, Digest.parse(digest), bytes, annotations, platform);
  }
}
