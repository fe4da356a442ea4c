package dev.applc.verify;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the host tools that read built artifacts. A tool that is not installed is reported with the
 * package that has it, rather than as a failed process.
 */
final class Tools {
  /** The Debian package of each tool, for the message that asks to install it. */
  static final Map<String, String> PACKAGES =
      Map.of(
          "sfdisk", "fdisk",
          "objcopy", "binutils",
          "mcopy", "mtools",
          "rauc", "rauc",
          "gpg", "gpg",
          "gpgv", "gpgv",
          "xz", "xz-utils");

  /** What a tool printed and how it ended. */
  record Run(int exit, byte[] out, String err) {
    String text() {
      return new String(out, StandardCharsets.UTF_8);
    }

    boolean ok() {
      return exit == 0;
    }
  }

  /** A tool that is not on this machine. */
  static final class MissingException extends Exception {
    private static final long serialVersionUID = 1L;
    final String tool;

    MissingException(String tool) {
      super(tool + " is not installed");
      this.tool = tool;
    }

    String packageName() {
      return PACKAGES.getOrDefault(tool, tool);
    }
  }

  private final List<Path> path;

  private Tools(List<Path> path) {
    this.path = path;
  }

  /** The tools on PATH, and in the sbin folders (sfdisk is there, outside a user's PATH). */
  static Tools onPath() {
    Set<Path> folders = new LinkedHashSet<>();
    String env = System.getenv("PATH");
    if (env != null) {
      for (String p : env.split(File.pathSeparator)) {
        if (!p.isEmpty()) {
          folders.add(Path.of(p));
        }
      }
    }
    for (String p : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
      folders.add(Path.of(p));
    }
    return new Tools(List.copyOf(folders));
  }

  /** Tools only from these folders: tests use it to make a tool missing. */
  static Tools in(List<Path> folders) {
    return new Tools(List.copyOf(folders));
  }

  Optional<Path> find(String tool) {
    return path.stream()
        .map(p -> p.resolve(tool))
        .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
        .findFirst();
  }

  /** Runs TOOL ARGS with no input; its standard output is kept as bytes. */
  Run run(String tool, List<String> args) throws MissingException {
    Path exe = find(tool).orElseThrow(() -> new MissingException(tool));
    List<String> command = new ArrayList<>();
    command.add(exe.toString());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
    // mtools refuses an image whose FAT geometry it finds odd unless told to skip the check, as
    // the ESP phase does when it writes one.
    pb.environment().put("MTOOLS_SKIP_CHECK", "1");
    pb.environment().put("LC_ALL", "C");
    try {
      Process process = pb.start();
      process.getOutputStream().close();
      CompletableFuture<byte[]> err =
          CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
      byte[] out = process.getInputStream().readAllBytes();
      int exit = process.waitFor();
      return new Run(exit, out, new String(err.join(), StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + tool, e);
    }
  }

  private static byte[] drain(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
