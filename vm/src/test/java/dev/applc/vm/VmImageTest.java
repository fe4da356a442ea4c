package dev.applc.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A qcow2 that names no other file on the host is not refused (the ones that do are refused by
 * {@code applc vm}, tested with the command in cli).
 */
class VmImageTest {
  @TempDir Path dir;

  @Test
  void aSelfContainedQcow2IsNotRefused() throws Exception {
    HostTools.requireTools("qemu-img");
    Process p =
        new ProcessBuilder("qemu-img", "create", "-f", "qcow2", "plain.qcow2", "1M")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), said);
    VmImage vm = VmImage.locate(dir.resolve("plain.qcow2"));
    assertEquals("qcow2", vm.format());
    assertEquals(List.of(), vm.otherFilesOpened());
  }

  @Test
  void aBuildWithOneUkiAndNoDiskBootsTheUkiAsQemusKernelWithTheDataDisk() throws Exception {
    Path images = Files.createDirectories(dir.resolve("out/images"));
    Files.write(images.resolve("vault_1.0.efi"), new byte[] {'M', 'Z', 0, 0});
    Files.write(dir.resolve("data.raw"), new byte[512]);
    VmImage uki = VmImage.locate(dir.resolve("out"));
    assertEquals(VmImage.Kind.UKI, uki.kind());
    assertEquals(images.resolve("vault_1.0.efi"), uki.file());
    VmImage data = VmImage.locate(dir.resolve("data.raw"));
    assertEquals(VmImage.Kind.DISK, data.kind());

    List<String> qemu =
        VmRunner.command(
            new VmRunner.Settings(
                "qemu-system-x86_64",
                uki,
                new Firmware(dir.resolve("CODE.fd"), dir.resolve("VARS.fd"), false),
                "tcg",
                1024,
                true,
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                false,
                java.util.Optional.of(data),
                java.util.Optional.empty()),
            dir.resolve("vars.fd"));
    String line = String.join(" ", qemu);
    assertEquals(true, line.contains("-kernel " + uki.file().toAbsolutePath()), line);
    assertEquals(false, line.contains("id=disk0"), line);
    assertEquals(true, line.contains("id=data0,format=raw,file="), line);
    assertEquals(false, line.contains("data.raw,snapshot=on"), line);
  }
}
