package dev.applc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code applc lsp} driven by a real editor: Neovim (Debian's 0.7) headless runs {@code
 * lsp/src/test/resources/nvim/e2e.lua}, which sets the editor up with the snippet of docs/lsp.md,
 * opens a copy of a spec with an error and checks the diagnostics, a completion and a hover.
 *
 * <p>It runs {@code bin/applc}, so it needs the jar that this module's {@code package} phase
 * shades: it is an integration test (failsafe, {@code mvn verify}), which runs after the jar is
 * built, never against a stale one. A missing {@code nvim} fails the test when {@code CI=true}
 * (.ci/run installs it) and skips it elsewhere.
 */
class NeovimEndToEndIT {
  private static final long TIMEOUT_SECONDS = 150;

  @TempDir Path tmp;

  @Test
  void neovimGetsDiagnosticsCompletionAndHover() throws Exception {
    requireNeovim();
    Path repo = Path.of("").toAbsolutePath().getParent();
    Path jar = repo.resolve("cli/target/applc.jar");
    assertTrue(Files.isRegularFile(jar), jar + " is missing; the package phase builds it");
    Path script = repo.resolve("lsp/src/test/resources/nvim/e2e.lua");
    String text =
        Files.readString(
            repo.resolve("specs/loisto-console/loisto-console.appliance"), StandardCharsets.UTF_8);
    String misspelled = text.replaceFirst("compatible(\\s*)= ", "compatibel$1= ");
    assertTrue(!misspelled.equals(text), "the spec no longer has the line the test changes");
    Path spec = tmp.resolve("loisto-console.appliance");
    Files.writeString(spec, misspelled, StandardCharsets.UTF_8);

    Path output = tmp.resolve("nvim.out");
    ProcessBuilder nvim =
        new ProcessBuilder("nvim", "--headless", "--clean", "-c", "luafile " + script)
            .directory(repo.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    nvim.environment().put("APPLC_REPO", repo.toString());
    nvim.environment().put("APPLC_SPEC", spec.toString());
    Process process = nvim.start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("nvim did not finish in " + TIMEOUT_SECONDS + " s:\n" + Files.readString(output));
    }
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), printed);
    assertTrue(printed.contains("applc e2e: ok"), printed);
  }

  private static void requireNeovim() {
    boolean present =
        List.of(System.getenv("PATH").split(File.pathSeparator)).stream()
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, "nvim")));
    if (!present && "true".equals(System.getenv("CI"))) {
      fail("nvim is not installed; .ci/run must install the Debian package neovim");
    }
    assumeTrue(present, "nvim is not installed here");
  }
}
