package dev.applc.lifecycle;

import dev.applc.keys.PemFiles;
import dev.applc.vm.Accelerator;
import dev.applc.vm.DbCertificate;
import dev.applc.vm.Firmware;
import dev.applc.vm.OvmfVariableStore;
import dev.applc.vm.VmImage;
import dev.applc.vm.VmRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The device under test: a copy of version N's disk, its own UEFI variable store (with the build's
 * Secure Boot certificate enrolled, when it has one), and the read-only disk of update artifacts.
 * Every boot of it is a new {@link Guest} on the same disk and variables, as a power cycle is.
 */
final class TestMachine {
  static final String QEMU = "qemu-system-x86_64";

  private final Path disk;
  private final Path vars;
  private final Path updates;
  private final Path folder;
  private final Firmware firmware;
  private final String accel;
  private int boots;

  private TestMachine(
      Path disk, Path vars, Path updates, Path folder, Firmware firmware, String accel) {
    this.disk = disk;
    this.vars = vars;
    this.updates = updates;
    this.folder = folder;
    this.firmware = firmware;
    this.accel = accel;
  }

  /** Thrown when the machine cannot be set up; the message says what is missing. */
  static final class Unusable extends Exception {
    private static final long serialVersionUID = 1L;

    Unusable(String message) {
      super(message);
    }
  }

  /** A machine in {@code folder} that boots a copy of {@code images/disk.raw}. */
  static TestMachine create(Path images, Path updates, Path folder) throws IOException, Unusable {
    Files.createDirectories(folder);
    Path certificate = images.resolve("secure-boot.crt");
    boolean secure = Files.exists(certificate);
    Optional<Firmware> firmware = secure ? Firmware.secureBoot(Optional.empty()) : Firmware.plain();
    if (firmware.isEmpty()) {
      throw new Unusable("no OVMF firmware in /usr/share/OVMF: install Debian's ovmf package");
    }
    try (var old = Files.list(folder)) {
      for (Path p :
          old.filter(
                  p ->
                      p.getFileName().toString().startsWith("console-")
                          || p.getFileName().toString().equals("agent.log"))
              .toList()) {
        Files.delete(p);
      }
    }
    Path disk = folder.resolve("disk.raw");
    Files.deleteIfExists(disk);
    new ProcessBuilder(
            "cp", "--sparse=always", images.resolve("disk.raw").toString(), disk.toString())
        .inheritIO()
        .start()
        .onExit()
        .join();
    Path vars = folder.resolve("OVMF_VARS.fd");
    // A new machine each run: the variables of the last one (its boot entries) are not kept.
    Files.deleteIfExists(vars);
    try {
      if (secure) {
        OvmfVariableStore.read(firmware.get().varsTemplate())
            .withDb(DbCertificate.signatureLists(DbCertificate.read(List.of(certificate))))
            .write(vars);
      } else {
        Files.copy(firmware.get().varsTemplate(), vars);
      }
    } catch (PemFiles.UnusableFile | OvmfVariableStore.Unusable e) {
      throw new Unusable(e.getMessage());
    }
    vars.toFile().setWritable(true, true);
    String accel = Accelerator.choose(QEMU, firmware.get());
    return new TestMachine(disk, vars, updates, folder, firmware.get(), accel);
  }

  Path disk() {
    return disk;
  }

  /** Powers the machine on; its console goes to {@code console-N.log}. */
  Guest powerOn() throws IOException, InterruptedException, Guest.Lost {
    boots++;
    Path socket = folder.resolve("agent.sock");
    Path console = folder.resolve("console-" + boots + ".log");
    Guest g = Guest.start(command(socket), socket, console);
    g.transcript(folder.resolve("agent.log"));
    return g;
  }

  private List<String> command(Path socket) {
    VmRunner.Settings s =
        new VmRunner.Settings(
            QEMU,
            new VmImage(disk, "raw"),
            firmware,
            accel,
            1024,
            false,
            Optional.empty(),
            Optional.empty(),
            false,
            Optional.empty(),
            Optional.empty());
    List<String> args = new ArrayList<>(VmRunner.command(s, vars));
    // The guest reboots inside this QEMU: boot counting and rollback happen across reboots.
    args.remove("-no-reboot");
    args.addAll(
        List.of(
            "-device",
            "virtio-serial-pci",
            "-chardev",
            "socket,id=agent,server=on,wait=off,path=" + socket.toString().replace(",", ",,"),
            "-device",
            "virtserialport,chardev=agent,name=org.applc.test",
            "-drive",
            "if=none,id=updates,format=raw,readonly=on,file="
                + updates.toAbsolutePath().toString().replace(",", ",,"),
            "-device",
            "virtio-blk-pci,drive=updates,serial=applc-updates"));
    return args;
  }
}
