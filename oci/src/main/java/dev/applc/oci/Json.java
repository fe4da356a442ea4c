package dev.applc.oci;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reading the JSON documents of an image (index, manifest, config) with clear messages. */
final class Json {
  private Json() {}

  static JsonObject parse(byte[] bytes, String where) throws OciException {
    try {
      JsonElement json = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
      if (!json.isJsonObject()) {
        throw new OciException(where + " is not a JSON object");
      }
      return json.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new OciException(where + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** A string member, or null when absent. */
  static String string(JsonObject object, String name, String where) throws OciException {
    JsonElement value = object.get(name);
    if (value == null || value.isJsonNull()) {
      return null;
    }
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw new OciException(where + ": `" + name + "` is not a string");
    }
    return value.getAsString();
  }

  /** The descriptors of an array member such as {@code manifests} or {@code layers}. */
  static List<Descriptor> descriptors(JsonObject object, String name, String where)
      throws OciException {
    JsonElement array = object.get(name);
    if (array == null || !array.isJsonArray()) {
      throw new OciException(where + " has no `" + name + "` list");
    }
    List<Descriptor> descriptors = new ArrayList<>();
    for (JsonElement element : array.getAsJsonArray()) {
      descriptors.add(Descriptor.fromJson(element, where));
    }
    return descriptors;
  }

  /** A platform object ({@code os}, {@code architecture}, {@code variant}). */
  static Platform platform(JsonObject object, String where) throws OciException {
    String os = string(object, "os", where);
    String architecture = string(object, "architecture", where);
    return new Platform(
        os == null ? "unknown" : os,
        architecture == null ? "unknown" : architecture,
        string(object, "variant", where));
  }
}
