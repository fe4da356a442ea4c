package dev.applc.compiler.model;

import java.util.List;

/** A system extension image, merged over /usr at run time. */
public record Sysext(
    String name,
    List<String> packages,
    List<String> overlays,
    Partition.Filesystem format,
    String version,
    boolean verity,
    Origin origin) {
  public Sysext {
    packages = List.copyOf(packages);
    overlays = List.copyOf(overlays);
  }
}
