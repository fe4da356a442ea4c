package dev.applc.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.vm.HostTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package as a user meets it: installed with apt into a clean Debian bookworm root made by
 * mmdebstrap, where apt finds its Java runtime by the package's own Depends. There it prints its
 * version, checks a spec, makes its class-data archive in postinst (and the JVM accepts it with
 * {@code -Xshare:on}), shows {@code man applc-build} and completes {@code applc b} to {@code build}
 * in bash.
 *
 * <p>It downloads and installs a Java runtime, about two to three minutes on a 2-core machine, more
 * than the time left in CI's budget for every change: it runs nightly ({@code .ci/nightly}, or
 * {@code -Dapplc.nightly=true}). The downloaded packages are kept in {@code target/apt-cache}, or
 * in the folder {@code -Dapplc.aptCache=DIR} names, so that a second run only installs.
 */
class DebInstallIT {
  /** Runs inside the new root, after apt has installed applc and its dependencies. */
  private static final String INSIDE =
      """
      set -eu
      cd /tmp/applc-test
      echo "== version"
      applc --version
      echo "== check"
      applc check --color=never minimal.appliance
      echo "== archive"
      test -s /var/lib/applc/applc.jsa
      # -Xshare:on refuses to start when the archive does not fit this JVM and jar.
      java -Xshare:on -XX:SharedArchiveFile=/var/lib/applc/applc.jsa \\
        -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar /usr/share/applc/applc.jar --version
      echo "== man"
      MANWIDTH=80 man applc-build | sed -n 1,12p
      echo "== completion"
      bash -c '
        . /usr/share/bash-completion/bash_completion
        . /usr/share/bash-completion/completions/applc
        COMP_WORDS=(applc b); COMP_CWORD=1; COMP_LINE="applc b"; COMP_POINT=7
        _complete_applc applc b applc
        printf "completes: %s\\n" "${COMPREPLY[@]}"
      '
      echo "== done"
      """;

  @TempDir Path tmp;

  @Test
  @EnabledIfSystemProperty(named = "applc.nightly", matches = "true")
  void installsInACleanDebianRootAndRunsThere() throws Exception {
    HostTools.requireTools("mmdebstrap");
    Path deb = theDeb();
    // unshare mode (not root) reads these as another user: world-readable files in an open folder.
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path files = Files.createDirectories(tmp.resolve("applc-test"));
    Files.copy(deb, files.resolve(deb.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(
        repo().resolve("specs/minimal/minimal.appliance"), files.resolve("minimal.appliance"));
    Files.writeString(files.resolve("inside.sh"), INSIDE, StandardCharsets.UTF_8);
    Path cache = aptCache();

    List<String> command =
        List.of(
            "mmdebstrap",
            "--variant=minbase",
            "--include=man-db,bash-completion," + files.resolve(deb.getFileName()),
            // Keep the downloaded packages between runs (mmdebstrap(1), "EXAMPLES").
            "--skip=download/empty",
            "--skip=essential/unlink",
            "--setup-hook=mkdir -p \"$1\"/var/cache/apt/archives/",
            "--setup-hook=sync-in " + cache + " /var/cache/apt/archives/",
            // apt runs outside the root and dpkg inside it: the package must be at one path in
            // both.
            "--setup-hook=mkdir -p \"$1\"" + files,
            "--setup-hook=copy-in " + files.resolve(deb.getFileName()) + " " + files,
            "--customize-hook=sync-out /var/cache/apt/archives " + cache,
            "--customize-hook=copy-in " + files + " /tmp",
            "--customize-hook=chroot \"$1\" sh /tmp/applc-test/inside.sh",
            "bookworm",
            // Nothing to keep: the checks above ran inside the root.
            "/dev/null");
    Path log = tmp.resolve("mmdebstrap.log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean finished = process.waitFor(15, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(finished, "mmdebstrap did not finish in 15 minutes\n" + out);
    assertEquals(0, process.exitValue(), out);

    // What the checks printed inside the root, for the test's report.
    System.out.println(out.substring(Math.max(0, out.indexOf("== version"))));
    assertTrue(out.contains("== version\napplc "), out);
    assertTrue(out.contains("checked 1 file: no problems"), out);
    assertTrue(out.contains("language version 1\n== man"), "the archive fits its JVM\n" + out);
    assertTrue(out.contains("applc-build - Build a spec"), "man applc-build renders\n" + out);
    assertTrue(out.contains("completes: build\n"), "applc b completes to build\n" + out);
    assertTrue(out.contains("== done"), out);
  }

  private static Path theDeb() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      List<Path> debs =
          files
              .filter(f -> f.getFileName().toString().matches("applc_.*_all\\.deb"))
              .map(Path::toAbsolutePath)
              .toList();
      assertEquals(1, debs.size(), "one package in target: " + debs);
      return debs.get(0);
    }
  }

  private static Path aptCache() throws IOException {
    String named = System.getProperty("applc.aptCache");
    Path cache = named != null ? Path.of(named) : Path.of("target", "apt-cache");
    return Files.createDirectories(cache).toAbsolutePath();
  }

  /** The repository's root: the tests run in the dist module's folder. */
  private static Path repo() {
    return Path.of("").toAbsolutePath().getParent();
  }
}
