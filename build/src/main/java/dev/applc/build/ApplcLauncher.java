package dev.applc.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A small script that runs this same applc (this JVM, this class path, the given main class), for
 * the phases that call applc's helpers ({@code "${APPLC:-applc}" tool oci-unpack}): the build's
 * applc need not be on PATH, and a phase never runs another version of it. It lives in a temporary
 * folder of its own that {@link #close} deletes after the build.
 */
public final class ApplcLauncher implements AutoCloseable {
  private final Path folder;
  private final Path script;

  private ApplcLauncher(Path folder, Path script) {
    this.folder = folder;
    this.script = script;
  }

  /** Writes the launcher of {@code mainClass}, run by this JVM with its class path. */
  public static ApplcLauncher create(String mainClass) throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return create(List.of(java, "-cp", System.getProperty("java.class.path"), mainClass));
  }

  /** Writes a launcher that runs {@code command} with the launcher's own arguments after it. */
  static ApplcLauncher create(List<String> command) throws IOException {
    Path folder = Files.createTempDirectory("applc-launcher");
    Path script = folder.resolve("applc");
    StringBuilder b = new StringBuilder("#!/bin/sh\n# Runs the applc that runs this build.\nexec");
    for (String word : command) {
      b.append(' ').append(quoted(word));
    }
    b.append(" \"$@\"\n");
    Files.writeString(script, b.toString(), StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return new ApplcLauncher(folder, script);
  }

  /** One single-quoted shell word: nothing in it is expanded. */
  static String quoted(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /** The launcher, for the phases' {@code APPLC}. */
  public Path script() {
    return script;
  }

  @Override
  public void close() {
    try (Stream<Path> s = Files.walk(folder)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
