package dev.applc.vm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * KVM when it really works, else TCG. {@code /dev/kvm} can exist and open while QEMU still hangs
 * with it (in some containers and nested VMs), so the check boots the firmware under KVM for a
 * moment and waits for its first serial output, which under working KVM comes within a second.
 */
public final class Accelerator {
  static final long PROBE_MILLIS = 4000;

  private Accelerator() {}

  public static String choose(String qemu, Firmware firmware) {
    Path kvm = Path.of("/dev/kvm");
    if (!Files.isReadable(kvm) || !Files.isWritable(kvm)) {
      return "tcg";
    }
    return kvmBoots(qemu, firmware) ? "kvm" : "tcg";
  }

  private static boolean kvmBoots(String qemu, Firmware firmware) {
    Path vars = null;
    Process p = null;
    try {
      vars = Files.createTempFile("applc-kvm-probe-", ".fd");
      Files.copy(firmware.varsTemplate(), vars, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      p =
          new ProcessBuilder(
                  List.of(
                      qemu,
                      "-machine",
                      "q35,accel=kvm",
                      "-m",
                      "256",
                      "-nodefaults",
                      "-display",
                      "none",
                      "-no-reboot",
                      "-net",
                      "none",
                      "-drive",
                      "if=pflash,format=raw,unit=0,readonly=on,file=" + firmware.code(),
                      "-drive",
                      "if=pflash,format=raw,unit=1,file=" + vars,
                      "-serial",
                      "stdio",
                      "-monitor",
                      "none"))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      p.getOutputStream().close();
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROBE_MILLIS);
      InputStream out = p.getInputStream();
      while (System.nanoTime() < deadline && p.isAlive()) {
        if (out.available() > 0) {
          return true;
        }
        Thread.sleep(50);
      }
      return out.available() > 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      if (p != null) {
        p.destroyForcibly();
      }
      if (vars != null) {
        try {
          Files.deleteIfExists(vars);
        } catch (IOException e) {
          // A leftover probe file in the temp folder is harmless.
        }
      }
    }
  }
}
