package dev.applc.vm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Boots an image in QEMU and follows its serial console: copies it to the terminal or a log, and
 * stops the VM when the expected text appears or time runs out.
 */
public final class VmRunner {
  /** How a run ended. */
  public enum Outcome {
    /** The expected text appeared (the VM was then stopped). */
    FOUND,
    /** QEMU exited on its own; {@code exitCode} says how. */
    EXITED,
    /** The timeout passed first; the VM was killed. */
    TIMED_OUT
  }

  /**
   * How the run went.
   *
   * @param failedUnits the units systemd said, on the console, had failed (before the expected
   *     text, when there is one: the VM stops there)
   */
  public record Result(
      Outcome outcome, int exitCode, long millis, List<UnitFailures.Failure> failedUnits) {
    public Result {
      failedUnits = List.copyOf(failedUnits);
    }
  }

  /**
   * What to run.
   *
   * @param snapshot whether guest writes go to a throwaway overlay, leaving the image unchanged
   * @param interactive whether the terminal's input reaches the serial console
   * @param dataDisk a second disk (the first when a UKI boots without one) that the guest writes
   *     to: the persistent disk of an appliance whose OS is its UKI
   * @param tpmState the state folder of a software TPM for the guest, if it gets one
   */
  public record Settings(
      String qemu,
      VmImage image,
      Firmware firmware,
      String accel,
      int memoryMiB,
      boolean snapshot,
      Optional<Long> timeoutMillis,
      Optional<String> expect,
      boolean interactive,
      Optional<VmImage> dataDisk,
      Optional<Path> tpmState) {}

  private VmRunner() {}

  /** The QEMU command line; {@code vars} is the VM's private copy of the variable store. */
  public static List<String> command(Settings s, Path vars) {
    return command(s, vars, List.of());
  }

  /** The QEMU command line, with the options that connect a software TPM. */
  static List<String> command(Settings s, Path vars, List<String> tpm) {
    List<String> args = new ArrayList<>();
    args.add(s.qemu());
    args.add("-machine");
    args.add("q35,accel=" + s.accel() + (s.firmware().secureBoot() ? ",smm=on" : ""));
    if (s.firmware().secureBoot()) {
      // The Secure Boot build keeps its variables in SMM-protected flash.
      args.add("-global");
      args.add("driver=cfi.pflash01,property=secure,value=on");
    }
    args.addAll(List.of("-m", s.memoryMiB() + "M", "-smp", "2"));
    args.addAll(List.of("-nodefaults", "-display", "none", "-no-reboot", "-net", "none"));
    args.add("-drive");
    args.add("if=pflash,format=raw,unit=0,readonly=on,file=" + s.firmware().code());
    args.add("-drive");
    args.add("if=pflash,format=raw,unit=1,file=" + vars);
    if (s.image().kind() == VmImage.Kind.UKI) {
      // The firmware starts the UKI itself, as the seed runs it: no disk to boot from.
      args.addAll(List.of("-kernel", s.image().file().toAbsolutePath().toString()));
    } else {
      args.add("-drive");
      args.add(
          "if=none,id=disk0,format="
              + s.image().format()
              + ",file="
              + quoted(s.image().file())
              + (s.snapshot() ? ",snapshot=on" : ""));
      args.addAll(List.of("-device", "virtio-blk-pci,drive=disk0,bootindex=1"));
    }
    s.dataDisk()
        .ifPresent(
            d -> {
              args.add("-drive");
              args.add("if=none,id=data0,format=" + d.format() + ",file=" + quoted(d.file()));
              args.addAll(List.of("-device", "virtio-blk-pci,drive=data0"));
            });
    args.addAll(List.of("-device", "virtio-rng-pci"));
    args.addAll(tpm);
    // mon:stdio lets a person press Ctrl-A x to quit or Ctrl-A c for the QEMU monitor.
    args.addAll(List.of("-serial", s.interactive() ? "mon:stdio" : "stdio"));
    if (!s.interactive()) {
      args.addAll(List.of("-monitor", "none"));
    }
    return args;
  }

  /** A file for QEMU's -drive option, whose commas must be doubled. */
  private static String quoted(Path file) {
    return file.toAbsolutePath().toString().replace(",", ",,");
  }

  /**
   * Runs the VM; the serial console goes to {@code console}. Temporary files (the variable store
   * and QEMU's snapshot overlay) live in a private folder that is removed afterwards.
   */
  public static Result run(Settings s, OutputStream console)
      throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("applc-vm-");
    Process qemu = null;
    Thread shutdownHook = null;
    SoftwareTpm tpm = null;
    try {
      Path vars = work.resolve("OVMF_VARS.fd");
      Files.copy(s.firmware().varsTemplate(), vars);
      vars.toFile().setWritable(true, true);
      if (s.tpmState().isPresent()) {
        tpm = SoftwareTpm.start(s.tpmState().get(), work);
      }
      ProcessBuilder builder =
          new ProcessBuilder(command(s, vars, tpm == null ? List.of() : tpm.qemuArguments()))
              .redirectInput(
                  s.interactive() ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE);
      // QEMU writes the snapshot overlay to TMPDIR: keep it in the private folder.
      builder.environment().put("TMPDIR", work.toString());
      long start = System.nanoTime();
      Process started = builder.start();
      qemu = started;
      shutdownHook = new Thread(started::destroyForcibly);
      Runtime.getRuntime().addShutdownHook(shutdownHook);
      if (!s.interactive()) {
        started.getOutputStream().close();
      }
      Thread errors = new Thread(() -> quiet(started.getErrorStream()), "applc-vm-stderr");
      errors.setDaemon(true);
      errors.start();
      AtomicBoolean found = new AtomicBoolean();
      UnitFailures units = new UnitFailures();
      Thread reader =
          new Thread(
              () -> follow(started.getInputStream(), console, s.expect(), found, units, started),
              "applc-vm-serial");
      reader.setDaemon(true);
      reader.start();
      boolean exited = true;
      if (s.timeoutMillis().isPresent()) {
        exited = started.waitFor(s.timeoutMillis().get(), TimeUnit.MILLISECONDS);
      } else {
        started.waitFor();
      }
      if (!exited) {
        stop(started);
      }
      reader.join(2000);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      units.finish();
      List<UnitFailures.Failure> failed = units.failures();
      if (found.get()) {
        return new Result(Outcome.FOUND, 0, millis, failed);
      }
      if (!exited) {
        return new Result(Outcome.TIMED_OUT, -1, millis, failed);
      }
      return new Result(Outcome.EXITED, started.exitValue(), millis, failed);
    } finally {
      if (qemu != null && qemu.isAlive()) {
        stop(qemu);
      }
      if (tpm != null) {
        tpm.close();
      }
      if (shutdownHook != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
          // Already shutting down: the hook runs anyway.
        }
      }
      deleteTree(work);
    }
  }

  /**
   * Copies the console, notes the units that fail, and stops QEMU as soon as the expected text has
   * appeared.
   */
  private static void follow(
      InputStream in,
      OutputStream console,
      Optional<String> expect,
      AtomicBoolean found,
      UnitFailures units,
      Process p) {
    ConsoleMatcher matcher = expect.map(ConsoleMatcher::new).orElse(null);
    byte[] buffer = new byte[8192];
    try {
      int n;
      while ((n = in.read(buffer)) > 0) {
        console.write(buffer, 0, n);
        console.flush();
        if (found.get()) {
          // What the guest prints while it is being stopped says nothing about its boot.
          continue;
        }
        int end = n;
        if (matcher != null) {
          for (int i = 0; i < n; i++) {
            if (matcher.accept(buffer[i])) {
              end = i + 1;
              found.set(true);
              break;
            }
          }
        }
        units.accept(buffer, 0, end);
        if (found.get()) {
          p.destroy();
        }
      }
    } catch (IOException e) {
      // QEMU went away; its exit status tells the rest.
    }
  }

  /** QEMU's own messages, less the one saying that applc stopped it. */
  private static void quiet(InputStream in) {
    try (java.io.BufferedReader lines =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(in, java.nio.charset.Charset.defaultCharset()))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (!line.contains("terminating on signal")) {
          System.err.println(line);
        }
      }
    } catch (IOException e) {
      // QEMU went away.
    }
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(5, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
