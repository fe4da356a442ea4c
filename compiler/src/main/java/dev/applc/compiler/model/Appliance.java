package dev.applc.compiler.model;

import java.util.List;
import java.util.Optional;

/**
 * A checked appliance: everything a backend needs, with defaults applied, slots expanded and
 * references resolved. Backends never look back at syntax.
 */
public record Appliance(
    String name,
    String version,
    Optional<String> compatible,
    String hostname,
    Optional<String> description,
    Board board,
    OperatingSystem os,
    Boot boot,
    Disk disk,
    Optional<Session> session,
    Lockdown lockdown,
    List<Profile> profiles,
    List<Sysext> sysexts,
    Optional<UpdatePolicy> update,
    BuildSettings build,
    List<Key> keys,
    Origin origin) {

  public Appliance {
    profiles = List.copyOf(profiles);
    sysexts = List.copyOf(sysexts);
    keys = List.copyOf(keys);
  }

  public Optional<Key> key(String name) {
    return keys.stream().filter(k -> k.name().equals(name)).findFirst();
  }

  public Optional<Profile> profile(String name) {
    return profiles.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
