package dev.applc.vm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** swtpm as the VM's TPM: started on a state folder, reachable on its socket, and stopped. */
class SoftwareTpmTest {
  @TempDir Path tmp;

  @Test
  void startsOnItsStateFolderAndStops() throws Exception {
    HostTools.requireTools("swtpm");
    Path state = tmp.resolve("tpm state");
    Path work = Files.createDirectories(tmp.resolve("w"));
    SoftwareTpm tpm = SoftwareTpm.start(state, work);
    try {
      assertTrue(Files.exists(work.resolve("tpm.sock")));
      List<String> args = tpm.qemuArguments();
      assertTrue(
          args.contains("socket,id=chrtpm,path=" + work.resolve("tpm.sock").toAbsolutePath()),
          args.toString());
      assertTrue(args.contains("tpm-tis,tpmdev=tpm0"), args.toString());
    } finally {
      tpm.close();
    }
    // The state folder was made.
    assertTrue(Files.isDirectory(state));
  }

  @Test
  void theTpmIsOnTheQemuCommandLine() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("img"));
    Path disk = Files.write(dir.resolve("disk.raw"), new byte[512]);
    VmRunner.Settings s =
        new VmRunner.Settings(
            "qemu-system-x86_64",
            VmImage.locate(disk),
            new Firmware(dir.resolve("CODE.fd"), dir.resolve("VARS.fd"), false),
            "tcg",
            1024,
            true,
            java.util.Optional.empty(),
            java.util.Optional.empty(),
            false,
            java.util.Optional.empty(),
            java.util.Optional.of(tmp.resolve("state")));
    List<String> tpm = List.of("-tpmdev", "emulator,id=tpm0,chardev=chrtpm");
    String line = String.join(" ", VmRunner.command(s, dir.resolve("vars.fd"), tpm));
    assertTrue(line.contains("-tpmdev emulator,id=tpm0,chardev=chrtpm"), line);
  }
}
