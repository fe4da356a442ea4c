package dev.applc.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
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
}
