package dev.applc.compiler.model;

import java.util.List;
import java.util.Optional;

/** A variant of the appliance (such as {@code dev}) that adds to the base. */
public record Profile(
    String name,
    boolean ssh,
    Optional<String> getty,
    List<String> packages,
    List<String> enable,
    List<String> unmask,
    List<String> overlays,
    List<String> cmdline,
    Content content,
    Origin origin) {
  public Profile {
    packages = List.copyOf(packages);
    enable = List.copyOf(enable);
    unmask = List.copyOf(unmask);
    overlays = List.copyOf(overlays);
    cmdline = List.copyOf(cmdline);
  }
}
