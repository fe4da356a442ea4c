package dev.applc.cli.keys;

import dev.applc.cli.Main;
import dev.applc.vm.HostTools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs applc in this JVM with captured output, and external tools the tests check with. */
public final class Cli {
  private Cli() {}

  public record Run(int exit, String out, String err) {
    public String all() {
      return out + err;
    }
  }

  public static synchronized Run applc(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    Charset charset = Charset.defaultCharset();
    int exit;
    try {
      System.setOut(new PrintStream(stdout, true, charset));
      System.setErr(new PrintStream(stderr, true, charset));
      String[] all =
          Stream.concat(Stream.of(args), Stream.of("--color=never")).toArray(String[]::new);
      exit = Main.run(all);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new Run(exit, stdout.toString(charset), stderr.toString(charset));
  }

  /**
   * Skips the test when a tool is missing, except on CI (CI=true), where a missing tool is a broken
   * setup and fails.
   */
  public static void requireTools(String... tools) {
    HostTools.requireTools(tools);
  }

  /** Same as {@link #requireTools} for files such as firmware images. */
  public static void requireFiles(String... files) {
    HostTools.requireFiles(files);
  }

  public static boolean onPath(String tool) {
    return HostTools.onPath(tool);
  }

  /** Runs a command in {@code dir}; returns its exit code and combined output. */
  public static Run exec(java.nio.file.Path dir, String... command)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] bytes = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + String.join(" ", command));
    }
    return new Run(p.exitValue(), new String(bytes, Charset.defaultCharset()), "");
  }
}
