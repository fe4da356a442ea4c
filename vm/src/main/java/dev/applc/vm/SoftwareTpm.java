package dev.applc.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A TPM 2.0 for the VM: swtpm, whose state lives in a folder of the user's choice. The same folder
 * on the next boot is the same TPM (its seeds, and what the guest sealed to it); a new folder is a
 * new TPM, on which nothing sealed before unseals.
 */
public final class SoftwareTpm implements AutoCloseable {
  private static final long START_MILLIS = 10_000;

  private final Process process;
  private final Path socket;

  private SoftwareTpm(Process process, Path socket) {
    this.process = process;
    this.socket = socket;
  }

  /**
   * Starts swtpm with its state in {@code state} (created when missing) and its control socket in
   * {@code work}, a private folder with a short path (a socket's path has at most 107 bytes).
   */
  public static SoftwareTpm start(Path state, Path work) throws IOException, InterruptedException {
    Files.createDirectories(state);
    Path socket = work.resolve("tpm.sock");
    ProcessBuilder pb =
        new ProcessBuilder(
                "swtpm",
                "socket",
                "--tpm2",
                "--tpmstate",
                "dir=" + option(state.toAbsolutePath()),
                "--ctrl",
                "type=unixio,path=" + option(socket.toAbsolutePath()),
                "--terminate")
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("swtpm.log").toFile());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IOException("cannot start swtpm (package swtpm): " + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_MILLIS);
    while (!Files.exists(socket)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        String log = Files.readString(work.resolve("swtpm.log")).strip();
        throw new IOException("swtpm did not start: " + log);
      }
      Thread.sleep(20);
    }
    return new SoftwareTpm(p, socket);
  }

  /** QEMU's options that give the guest this TPM, on the TIS interface x86 firmware expects. */
  public List<String> qemuArguments() {
    return List.of(
        "-chardev",
        "socket,id=chrtpm,path=" + option(socket.toAbsolutePath()),
        "-tpmdev",
        "emulator,id=tpm0,chardev=chrtpm",
        "-device",
        "tpm-tis,tpmdev=tpm0");
  }

  /** The path as a value of a comma-separated option list, where a comma is written twice. */
  private static String option(Path p) {
    return p.toString().replace(",", ",,");
  }

  @Override
  public void close() throws InterruptedException {
    // --terminate ends swtpm when QEMU disconnects; a QEMU that never connected leaves it running.
    if (process.isAlive() && !process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
