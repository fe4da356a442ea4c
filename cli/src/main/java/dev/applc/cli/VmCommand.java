package dev.applc.cli;

import dev.applc.keys.PemFiles;
import dev.applc.vm.Accelerator;
import dev.applc.vm.DbCertificate;
import dev.applc.vm.Firmware;
import dev.applc.vm.OvmfVariableStore;
import dev.applc.vm.UnitFailures;
import dev.applc.vm.VmImage;
import dev.applc.vm.VmRunner;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code applc vm IMAGE}: boot a disk image in QEMU with UEFI firmware. */
@Command(
    name = "vm",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Boot a disk image in QEMU (x86-64, OVMF UEFI firmware, KVM when it works, else TCG)"
            + " with the serial console on the terminal. The image is never modified unless"
            + " --write is given.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the VM stopped cleanly, or --expect text appeared, and no unit failed",
      "1:the VM failed, timed out, stopped without the --expect text, or systemd reported a"
          + " failed unit on the console",
      "2:wrong usage",
      "3:internal error in applc"
    })
final class VmCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @picocli.CommandLine.Mixin Output output;

  @Parameters(
      paramLabel = "IMAGE",
      description =
          "A raw (or qcow2) disk image, a UKI (started by the firmware as QEMU's -kernel, with"
              + " no disk), or the output folder of `applc build`, which holds images/disk.raw or,"
              + " for an appliance whose OS is its UKI, that one UKI.")
  Path image;

  @Option(
      names = "--disk",
      paramLabel = "FILE",
      description =
          "A data disk (raw or qcow2) attached after the image, or alone with a UKI, where it is"
              + " /dev/vda: the persistent disk of an appliance whose OS is its UKI. The guest"
              + " writes to it (that is what it is for), also without --write.")
  Path dataDisk;

  @Option(
      names = "--memory",
      paramLabel = "MIB",
      defaultValue = "1024",
      description = "Guest memory in MiB (default: ${DEFAULT-VALUE}).")
  int memory;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Stop the VM after this many seconds and exit with 1.")
  Long timeout;

  @Option(
      names = "--expect",
      paramLabel = "TEXT",
      description =
          "Exit with 0 as soon as TEXT appears on the serial console, and stop the VM; exit"
              + " with 1 if the VM stops or times out first, or if systemd reported a failed"
              + " unit on the console before TEXT. Colours are ignored: `Started foo.service`"
              + " matches systemd's status line for it.")
  String expect;

  @Option(
      names = "--allow-failed-units",
      description =
          "Exit with 0 even when systemd reports failed units on the console ([FAILED],"
              + " [DEPEND], [ TIME ], [ASSERT] status lines); they are still listed.")
  boolean allowFailedUnits;

  @Option(
      names = "--log",
      paramLabel = "FILE",
      description = "Write the serial console to FILE instead of the terminal.")
  Path log;

  @Option(
      names = "--secure-boot",
      description =
          "Enforce Secure Boot: OVMF with Debian's test keys (the ovmf package's snakeoil pair)"
              + " enrolled, or the variable store of --secure-boot-vars. For an `applc build`"
              + " output folder with images/secure-boot.crt, db holds that certificate instead,"
              + " unless --enroll or --secure-boot-vars is given.")
  boolean secureBoot;

  @Option(
      names = "--secure-boot-vars",
      paramLabel = "FILE",
      description =
          "An OVMF variable store (4M) with your own keys enrolled, for --secure-boot; it is"
              + " copied, never changed.")
  Path secureBootVars;

  @Option(
      names = "--enroll",
      paramLabel = "CERT",
      description =
          "With --secure-boot: a certificate (PEM or DER; a PEM file may hold several) to put in"
              + " the VM's db instead of the one the variable store has, so that only EFI"
              + " binaries signed with its key start. Repeat it for more certificates.")
  List<Path> enroll;

  @Option(
      names = "--tpm",
      paramLabel = "DIR",
      description =
          "Give the VM a TPM 2.0 (swtpm) whose state lives in DIR, made when missing. The same DIR"
              + " on the next boot is the same TPM, so what the guest sealed to it (a disk key)"
              + " unseals again; a new DIR is a new TPM.")
  Path tpm;

  @Option(
      names = "--accel",
      paramLabel = "ACCEL",
      defaultValue = "auto",
      description =
          "The accelerator: auto (KVM when a quick check shows it works, else TCG), kvm or tcg.")
  String accel;

  @Option(
      names = "--write",
      description =
          "Let the guest write to the image. Without it, writes go to a throwaway overlay and"
              + " the image stays as it was.")
  boolean write;

  @Option(
      names = "--allow-backing-file",
      description =
          "Boot a qcow2 image that names a backing file (or an external data file) on this"
              + " machine. Without it such an image is refused: QEMU would open the file it names.")
  boolean allowBackingFile;

  @Option(
      names = "--qemu",
      paramLabel = "PROGRAM",
      defaultValue = "qemu-system-x86_64",
      description = "The QEMU program (default: ${DEFAULT-VALUE}).")
  String qemu;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    if (!List.of("auto", "kvm", "tcg").contains(accel)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--accel is auto, kvm or tcg, not `" + accel + "`");
    }
    if (memory < 64) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--memory is in MiB and at least 64");
    }
    if (secureBootVars != null && !secureBoot) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--secure-boot-vars needs --secure-boot");
    }
    if (enroll != null && !secureBoot) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--enroll needs --secure-boot");
    }
    VmImage disk;
    try {
      disk = VmImage.locate(image);
    } catch (VmImage.NotFound e) {
      return fail(err, e.getMessage(), null);
    }
    Optional<VmImage> data = Optional.empty();
    if (dataDisk != null) {
      if (!Files.isRegularFile(dataDisk)) {
        return fail(err, dataDisk + " is not a disk image file", "create one: truncate -s 1G FILE");
      }
      try {
        data = Optional.of(VmImage.locate(dataDisk));
      } catch (VmImage.NotFound e) {
        return fail(err, e.getMessage(), null);
      }
      if (data.get().kind() == VmImage.Kind.UKI) {
        return fail(err, dataDisk + " is a UKI, not a data disk", null);
      }
    }
    for (VmImage each : data.isPresent() ? List.of(disk, data.get()) : List.of(disk)) {
      List<String> others = each.otherFilesOpened();
      if (!others.isEmpty() && !allowBackingFile) {
        return fail(
            err,
            each.file()
                + " is a qcow2 image that names "
                + String.join(" and ", others)
                + ", which QEMU would open on this machine",
            "pass --allow-backing-file if you trust the image, or boot a self-contained copy: "
                + "qemu-img convert -O qcow2 "
                + each.file()
                + " flat.qcow2");
      }
    }
    Optional<String> foreign = disk.foreignArchitecture();
    if (foreign.isPresent()) {
      return fail(
          err,
          disk.file() + " is an " + foreign.get() + " image; `applc vm` boots x86-64 images",
          "boot it on an "
              + foreign.get()
              + " board, or with qemu-system-aarch64 and AAVMF"
              + " by hand");
    }
    if (!onPath(qemu)) {
      return fail(
          err, qemu + " is not installed", "install Debian's qemu-system-x86 and ovmf packages");
    }
    if (secureBootVars != null && !Files.isRegularFile(secureBootVars)) {
      return fail(err, secureBootVars + " does not exist", null);
    }
    for (Path certificate : enroll == null ? List.<Path>of() : enroll) {
      if (!Files.isRegularFile(certificate)) {
        return fail(err, certificate + " does not exist", null);
      }
    }
    Optional<Firmware> firmware =
        secureBoot ? Firmware.secureBoot(Optional.ofNullable(secureBootVars)) : Firmware.plain();
    if (firmware.isEmpty()) {
      return fail(
          err,
          "no OVMF firmware in /usr/share/OVMF"
              + (secureBoot ? " with Secure Boot (OVMF_CODE_4M.snakeoil.fd)" : ""),
          "install Debian's ovmf package");
    }
    List<DbCertificate> db;
    Optional<OvmfVariableStore> enrolled = Optional.empty();
    try {
      db = DbCertificate.read(dbCertificateFiles());
      if (!db.isEmpty()) {
        enrolled =
            Optional.of(
                OvmfVariableStore.read(firmware.get().varsTemplate())
                    .withDb(DbCertificate.signatureLists(db)));
      }
    } catch (PemFiles.UnusableFile | OvmfVariableStore.Unusable e) {
      return fail(err, e.getMessage(), null);
    }
    String chosen = accel;
    if (accel.equals("auto")) {
      chosen = Accelerator.choose(qemu, Firmware.plain().orElse(firmware.get()));
    }
    if (enrolled.isEmpty()) {
      if (secureBoot && secureBootVars == null) {
        // Most likely an unsigned build: say why the firmware is about to refuse it.
        err.println(
            "db holds Debian's test key only: the boot loader must be signed with"
                + " /usr/share/ovmf/PkKek-1-snakeoil.key (a build of a spec with `uki { sign ="
                + " KEY }` has images/secure-boot.crt, which is enrolled instead)");
      }
      return boot(err, disk, data, firmware.get(), chosen);
    }
    err.println(
        "enrolled in db: "
            + db.stream()
                .map(c -> "\"" + c.commonName() + "\" (" + c.file() + ")")
                .collect(Collectors.joining(", ")));
    // A private copy of the template with the new db; VmRunner copies it once more for the VM.
    Path vars = Files.createTempFile("applc-vars-", ".fd");
    try {
      enrolled.get().write(vars);
      return boot(err, disk, data, firmware.get().withVarsTemplate(vars), chosen);
    } finally {
      Files.deleteIfExists(vars);
    }
  }

  /**
   * The certificate files whose certificates go into db: those of --enroll, else the certificate an
   * `applc build` output folder publishes, as long as no variable store was chosen by hand.
   */
  private List<Path> dbCertificateFiles() {
    if (enroll != null) {
      return enroll;
    }
    if (secureBoot && secureBootVars == null) {
      return VmImage.publishedCertificate(image).map(List::of).orElse(List.of());
    }
    return List.of();
  }

  // On JDK 17, the console is null exactly when standard streams are not a terminal.
  @SuppressWarnings("SystemConsoleNull")
  private int boot(
      PrintWriter err, VmImage disk, Optional<VmImage> data, Firmware firmware, String chosen)
      throws IOException, InterruptedException {
    boolean interactive = expect == null && log == null && System.console() != null;
    VmRunner.Settings settings =
        new VmRunner.Settings(
            qemu,
            disk,
            firmware,
            chosen,
            memory,
            !write,
            Optional.ofNullable(timeout).map(t -> t * 1000),
            Optional.ofNullable(expect),
            interactive,
            data,
            Optional.ofNullable(tpm));
    boolean uki = disk.kind() == VmImage.Kind.UKI;
    err.println(
        "booting "
            + (uki ? "the UKI " : "")
            + disk.file()
            + " ("
            + chosen.toUpperCase(java.util.Locale.ROOT)
            + (secureBoot ? ", Secure Boot" : "")
            + (write || uki ? "" : ", snapshot")
            + data.map(d -> ", data disk " + d.file()).orElse("")
            + (tpm != null ? ", TPM " + tpm : "")
            + ")"
            + (interactive ? ": Ctrl-A x quits" : ""));
    err.flush();
    VmRunner.Result result;
    if (log != null) {
      Path parent = log.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (OutputStream out = Files.newOutputStream(log)) {
        result = VmRunner.run(settings, out);
      }
    } else {
      result = VmRunner.run(settings, System.out);
      System.out.flush();
    }
    String after = String.format(java.util.Locale.ROOT, "%.1f s", result.millis() / 1000.0);
    List<UnitFailures.Failure> failed = result.failedUnits();
    if (!failed.isEmpty()) {
      err.println(
          (allowFailedUnits ? "warning: " : "error: ")
              + (failed.size() == 1 ? "1 unit" : failed.size() + " units")
              + " failed, systemd said on the console: "
              + failed.stream().map(UnitFailures.Failure::unit).collect(Collectors.joining(", ")));
      for (UnitFailures.Failure f : failed) {
        err.println("  | " + f.line());
      }
      if (!allowFailedUnits) {
        err.println(
            "  = help: `systemctl status UNIT` and `journalctl -b -u UNIT` in the VM tell why;"
                + " pass --allow-failed-units to accept a boot with failed units");
      }
      err.flush();
    }
    boolean unitsFailed = !failed.isEmpty() && !allowFailedUnits;
    switch (result.outcome()) {
      case FOUND -> {
        err.println("found `" + expect + "` on the console after " + after + "; VM stopped");
        err.flush();
        return unitsFailed ? 1 : 0;
      }
      case TIMED_OUT -> {
        return fail(
            err,
            "timed out after "
                + after
                + (expect == null ? "" : " without `" + expect + "` on the console")
                + "; VM stopped",
            null);
      }
      default -> {
        if (expect != null) {
          return fail(
              err,
              "the VM stopped after "
                  + after
                  + " (qemu exit status "
                  + result.exitCode()
                  + ") without `"
                  + expect
                  + "` on the console",
              log == null ? null : "the console is in " + log);
        }
        if (result.exitCode() != 0) {
          return fail(err, "qemu failed with exit status " + result.exitCode(), null);
        }
        err.println("the VM stopped after " + after);
        err.flush();
        return unitsFailed ? 1 : 0;
      }
    }
  }

  private static int fail(PrintWriter err, String message, String help) {
    err.println("error: " + message);
    if (help != null) {
      err.println("  = help: " + help);
    }
    err.flush();
    return 1;
  }

  private static boolean onPath(String program) {
    if (program.contains("/")) {
      return Files.isExecutable(Path.of(program));
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":", -1)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
