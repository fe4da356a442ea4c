package dev.applc.lifecycle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.driver.Compiler;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `applc test` asks of a sysupdate spec, and how it tells slot A from slot B on a disk. */
class SysupdateLifecycleTest {
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();

  @TempDir Path tmp;

  private static Appliance minimalSysupdate(String from, String to) throws Exception {
    String text =
        Files.readString(REPO.resolve("specs/minimal-sysupdate/minimal-sysupdate.appliance"));
    assertTrue(text.contains(from), from);
    var r =
        new Compiler(SourceProvider.fileSystem(REPO))
            .compile(new SourceFile("minimal-sysupdate.appliance", text.replace(from, to)));
    assertTrue(r.diagnostics().stream().noneMatch(d -> d.isError()), r.diagnostics().toString());
    return r.value().orElseThrow().appliances().get(0);
  }

  @Test
  void minimalSysupdateCanBeTested() throws Exception {
    assertEquals(Optional.empty(), LifecycleTest.unsupported(minimalSysupdate("", "")));
  }

  @Test
  void withoutASourceThereIsNoSignatureToRefuse() throws Exception {
    Appliance a =
        minimalSysupdate("source      = \"https://updates.example.com/minimal-sysupdate/\"", "");
    assertTrue(LifecycleTest.unsupported(a).orElseThrow().contains("`source`"));
  }

  @Test
  void theBuildMustPublishSysupdateArtifacts() throws Exception {
    Appliance a = minimalSysupdate("formats = [disk, sysupdate]", "formats = [disk]");
    assertTrue(LifecycleTest.unsupported(a).orElseThrow().contains("`sysupdate`"));
  }

  @Test
  void slotBIsTheEmptyPartitionOfSlotAsType() throws Exception {
    Path disk = tmp.resolve("disk.raw");
    try (var f = new java.io.RandomAccessFile(disk.toFile(), "rw")) {
      f.setLength(64L << 20);
    }
    String root = "4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709";
    String verity = "2C7357ED-EBD2-46D9-AEC1-23D437EC2BF5";
    String script =
        String.join(
            "\n",
            "label: gpt",
            "size=8MiB, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name=esp",
            "size=8MiB, type=" + verity + ", name=_empty",
            "size=8MiB, type=" + root + ", name=root-a_0.1.0",
            "size=8MiB, type=" + verity + ", name=root-a-verity_0.1.0",
            "size=8MiB, type=" + root + ", name=_empty",
            "");
    Process p =
        new ProcessBuilder("sfdisk", "--quiet", disk.toString()).redirectErrorStream(true).start();
    p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    assertArrayEquals(
        new String[] {"3", "5"}, SysupdateScenarios.slotPartitions(disk, "root-a", "0.1.0"));
    assertEquals(
        List.of("no partition labelled root-a_0.2 in " + disk),
        List.of(
            org.junit.jupiter.api.Assertions.assertThrows(
                    java.io.IOException.class,
                    () -> SysupdateScenarios.slotPartitions(disk, "root-a", "0.2"))
                .getMessage()));
  }
}
