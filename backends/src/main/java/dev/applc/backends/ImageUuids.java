package dev.applc.backends;

import dev.applc.compiler.model.Appliance;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The fixed UUIDs of what the build makes (partitions, file systems, the disk): derived from the
 * image's id and a name, so that two builds of a spec give the same ones, and units on the device
 * can name what the build made.
 */
public final class ImageUuids {
  private ImageUuids() {}

  public static UUID of(Appliance a, String what) {
    String id = a.build().imageId();
    String name = what.isEmpty() ? "applc:" + id : "applc:" + id + ":" + what;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }
}
