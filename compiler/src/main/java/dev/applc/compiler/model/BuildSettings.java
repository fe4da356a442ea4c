package dev.applc.compiler.model;

import java.util.List;
import java.util.Optional;

/**
 * How images are built.
 *
 * @param sourceDateEpoch a fixed SOURCE_DATE_EPOCH in seconds, when the spec gives one
 * @param sourceDateFromGit whether the build takes the date of the last git commit
 * @param maxSize the size budget of the OS image in bytes, checked after the build: the UKI when
 *     the OS is its initrd, else each root and /usr partition image
 */
public record BuildSettings(
    boolean reproducible,
    Optional<Long> sourceDateEpoch,
    boolean sourceDateFromGit,
    List<String> formats,
    String compression,
    String imageId,
    Optional<Long> maxSize,
    Origin origin) {
  public BuildSettings {
    formats = List.copyOf(formats);
  }
}
