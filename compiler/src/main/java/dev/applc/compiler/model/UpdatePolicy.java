package dev.applc.compiler.model;

import java.util.Optional;

/**
 * How the appliance updates itself.
 *
 * @param keyringKey the key whose certificate verifies updates, when given by reference
 * @param keyringPath a CA file beside the spec, when given by path
 */
public record UpdatePolicy(
    Method method,
    Optional<String> source,
    Optional<String> compatible,
    String bundleFormat,
    Optional<String> keyringKey,
    Optional<String> keyringPath,
    Optional<String> signingKey,
    String delta,
    Optional<Long> checkIntervalMillis,
    boolean autoReboot,
    int maxVersionLength,
    Rollback rollback,
    Origin origin) {

  public enum Method {
    RAUC("rauc"),
    SYSUPDATE("sysupdate");

    private final String id;

    Method(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  /** Boot counting: how many tries a new version gets, and what marks a boot good. */
  public record Rollback(int tries, Optional<String> goodWhen, Origin origin) {}
}
