package dev.applc.vm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The host tools and files (QEMU, firmware images) a test needs: it is skipped when one is missing,
 * except on CI (CI=true), where a missing one is a broken setup and fails. It lives in the vm test
 * jar, the lowest module whose tests need it; the tests of cli reach it through {@code Cli}.
 */
public final class HostTools {
  private HostTools() {}

  public static void requireTools(String... tools) {
    List<String> missing = new ArrayList<>();
    for (String tool : tools) {
      if (!onPath(tool)) {
        missing.add(tool);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    String message = "missing tools: " + String.join(", ", missing);
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError(message);
    }
    Assumptions.abort(message);
  }

  /** Same as {@link #requireTools} for files such as firmware images. */
  public static void requireFiles(String... files) {
    for (String f : files) {
      if (!Files.exists(Path.of(f))) {
        if ("true".equals(System.getenv("CI"))) {
          throw new AssertionError("missing file: " + f);
        }
        Assumptions.abort("missing file: " + f);
      }
    }
  }

  public static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":", -1)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    for (String dir : List.of("/usr/sbin", "/sbin")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
