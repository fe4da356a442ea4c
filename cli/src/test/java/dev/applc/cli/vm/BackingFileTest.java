package dev.applc.cli.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.cli.keys.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A qcow2 image names a file on the host (a backing file, an external data file) that QEMU would
 * open: `applc vm` refuses it unless --allow-backing-file is given.
 */
class BackingFileTest {
  @TempDir Path dir;

  /** A bootable disk elsewhere on the host: the sentinel an image should not reach. */
  private Path sentinel() throws Exception {
    Path host = Files.createDirectories(dir.resolve("host"));
    return TinyDisk.make(host, Path.of(TinyDisk.SYSTEMD_BOOT), "sentinel");
  }

  /** Runs qemu-img; returns the image it made, named by the argument that ends in .qcow2. */
  private Path qemuImg(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "qemu-img";
    System.arraycopy(args, 0, command, 1, args.length);
    Cli.Run r = Cli.exec(dir, command);
    assertEquals(0, r.exit(), r.all());
    return dir.resolve(
        java.util.Arrays.stream(args).filter(a -> a.endsWith(".qcow2")).findFirst().orElseThrow());
  }

  @Test
  void aQcow2WithABackingFileIsRefused() throws Exception {
    TinyDisk.requireTools();
    Cli.requireTools("qemu-img");
    Path sentinel = sentinel();
    Path overlay =
        qemuImg("create", "-f", "qcow2", "-b", sentinel.toString(), "-F", "raw", "overlay.qcow2");
    Cli.Run run =
        Cli.applc(
            "vm",
            "--accel=tcg",
            "--memory=256",
            "--timeout=60",
            "--expect=BdsDxe",
            overlay.toString());
    assertEquals(1, run.exit(), run.all());
    assertTrue(
        run.err().contains("names the backing file `" + sentinel + "`, which QEMU would open"),
        run.err());
    assertTrue(run.err().contains("--allow-backing-file"), run.err());
    assertFalse(run.all().contains("BdsDxe"), "QEMU ran:\n" + run.all());
    assertFalse(run.all().contains("Exception"), run.all());
  }

  @Test
  void theUserMayAllowIt() throws Exception {
    TinyDisk.requireTools();
    Cli.requireTools("qemu-img");
    Path sentinel = sentinel();
    Path overlay =
        qemuImg("create", "-f", "qcow2", "-b", sentinel.toString(), "-F", "raw", "overlay.qcow2");
    Cli.Run run =
        Cli.applc(
            "vm",
            "--accel=tcg",
            "--memory=256",
            "--timeout=90",
            "--expect=BdsDxe",
            "--allow-backing-file",
            overlay.toString());
    assertEquals(0, run.exit(), run.all());
  }

  @Test
  void aQcow2WithAnExternalDataFileIsRefused() throws Exception {
    Cli.requireTools("qemu-img");
    Path data = Files.write(dir.resolve("host-data.raw"), new byte[1 << 20]);
    Path image =
        qemuImg(
            "create",
            "-f",
            "qcow2",
            "-o",
            "data_file=" + data + ",data_file_raw=on",
            "ext.qcow2",
            "1M");
    Cli.Run run = Cli.applc("vm", "--accel=tcg", "--timeout=10", image.toString());
    assertEquals(1, run.exit(), run.all());
    assertTrue(run.err().contains("names an external data file"), run.err());
  }
}
