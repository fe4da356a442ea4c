package dev.applc.verify;

import dev.applc.compiler.backend.OutputFile;
import dev.applc.compiler.diag.Code;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The files of OUT/config that the artifacts are checked against must be what the spec compiles to
 * now: otherwise OUT was built from another version of the spec, and every other finding would be
 * about the wrong spec. Only those files are compared, so a build that added files of its own
 * (`applc test` adds its agent to the root file system) still verifies.
 */
final class ConfigCheck {
  private ConfigCheck() {}

  static boolean checked(String path) {
    return path.startsWith("kernel/cmdline")
        || path.startsWith("bundle/")
        || path.startsWith("rootfs/usr/lib/repart.d/");
  }

  static void run(BuildOutput b) {
    Path config = b.out().resolve("config");
    for (OutputFile f : b.compiled().files()) {
      if (!checked(f.path())) {
        continue;
      }
      Path built = config.resolve(f.path());
      String where = "`config/" + f.path() + "`";
      if (!Files.isRegularFile(built)) {
        b.findings()
            .add(
                Code.VERIFY_CONFIG_STALE,
                b.origins().of(f.path()),
                where + " is missing from the build output",
                "generates it",
                "the output was built from another version of the spec: build it again with"
                    + " applc build");
        continue;
      }
      byte[] content;
      try {
        content = Files.readAllBytes(built);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (!Arrays.equals(content, f.content())) {
        b.findings()
            .add(
                Code.VERIFY_CONFIG_STALE,
                b.origins().of(f.path()),
                where + " differs from what the spec compiles to",
                "generates it",
                "`applc compile` of the spec gives another "
                    + where
                    + ": the output was built from another version of the spec, or the file was"
                    + " edited; build it again with applc build");
      }
    }
  }
}
