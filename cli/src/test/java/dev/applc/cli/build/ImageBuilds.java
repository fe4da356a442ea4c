package dev.applc.cli.build;

import static org.junit.jupiter.api.Assertions.fail;

import dev.applc.cli.ApplcCommand;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import picocli.CommandLine;

/**
 * What the image-build tests share. They take minutes, so they run where {@code CI=true} (and fail
 * there when a tool is missing: {@code .ci/run} must install it) or with {@code
 * -Dapplc.imageTests=true}; elsewhere they are skipped.
 */
final class ImageBuilds {
  static final String MARKER = "applc-minimal-ready";

  private ImageBuilds() {}

  /** Skips the test unless image tests are on; fails it on CI when one of the tools is missing. */
  static void requireTools(List<String> tools) {
    boolean ci = "true".equals(System.getenv("CI"));
    Assumptions.assumeTrue(
        ci || Boolean.getBoolean("applc.imageTests"),
        "a build of several minutes: set CI=true or -Dapplc.imageTests=true");
    for (String tool : tools) {
      boolean present =
          List.of(System.getenv("PATH").split(File.pathSeparator, -1)).stream()
              .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
      if (!present && ci) {
        fail(tool + " is not installed; .ci/run must install it");
      }
      Assumptions.assumeTrue(present, tool + " is not installed here");
    }
  }

  /** The repository's root: the tests run in the cli module's folder. */
  static Path repo() {
    return Path.of("").toAbsolutePath().getParent();
  }

  /** Runs applc in this JVM, as Main would; its output and errors go to {@code err}. */
  static int applc(StringWriter err, String... args) {
    CommandLine cl = ApplcCommand.commandLine();
    cl.setCaseInsensitiveEnumValuesAllowed(true); // as Main sets it
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(err, true));
    return cl.execute(args);
  }

  /** The last 30 lines of a console log, for a failure message. */
  static String tail(Path log) throws Exception {
    if (!Files.exists(log)) {
      return "(no log)";
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
  }
}
