package dev.applc.build;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The folders and values a build's phases run with, as build.sh would set them.
 *
 * @param config the config tree (OUT/config)
 * @param specDir the spec's folder
 * @param keys the folder the spec's key paths are relative to
 * @param work the work folder (OUT/work)
 * @param images where results go (OUT/images)
 * @param logs one log per phase (OUT/logs)
 * @param cache the content-addressed cache
 * @param applc the program that runs this applc, the phases' {@code APPLC} ({@link ApplcLauncher});
 *     without it a phase runs {@code applc} from PATH
 */
public record BuildEnvironment(
    Path config,
    Path specDir,
    Path keys,
    Path work,
    Path images,
    Path logs,
    Path cache,
    long sourceDateEpoch,
    Optional<Path> applc) {

  public BuildEnvironment(
      Path config,
      Path specDir,
      Path keys,
      Path work,
      Path images,
      Path logs,
      Path cache,
      long sourceDateEpoch) {
    this(config, specDir, keys, work, images, logs, cache, sourceDateEpoch, Optional.empty());
  }

  /** This environment with {@code APPLC} set to {@code launcher}. */
  public BuildEnvironment withApplc(Path launcher) {
    return new BuildEnvironment(
        config, specDir, keys, work, images, logs, cache, sourceDateEpoch, Optional.of(launcher));
  }

  /**
   * The environment of a build into the output folder {@code out}, laid out as `applc build` lays
   * it out: {@code config/}, {@code work/}, {@code images/} and {@code logs/} in it.
   */
  public static BuildEnvironment in(
      Path out, Path specDir, Path keys, Path cache, long sourceDateEpoch) {
    return new BuildEnvironment(
        out.resolve("config"),
        specDir,
        keys,
        out.resolve("work"),
        out.resolve("images"),
        out.resolve("logs"),
        cache,
        sourceDateEpoch);
  }

  /** The folder an input's root names. */
  Path root(String root) {
    return switch (root) {
      case "spec" -> specDir;
      case "keys" -> keys;
      default -> config;
    };
  }

  /** The environment variables the phases run with, as build.sh exports them. */
  public Map<String, String> variables() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CONFIG", config.toAbsolutePath().toString());
    env.put("SPEC_DIR", specDir.toAbsolutePath().toString());
    env.put("KEYS", keys.toAbsolutePath().toString());
    env.put("WORK", work.toAbsolutePath().toString());
    env.put("OUT", images.toAbsolutePath().toString());
    env.put("SOURCE_DATE_EPOCH", Long.toString(sourceDateEpoch));
    env.put("LC_ALL", "C.UTF-8");
    applc.ifPresent(p -> env.put("APPLC", p.toAbsolutePath().toString()));
    return env;
  }
}
