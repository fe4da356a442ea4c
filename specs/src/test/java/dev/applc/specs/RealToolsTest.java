package dev.applc.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.backend.OutputWriter;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The generated files of every spec, fed to the tools that read them on a real system. */
class RealToolsTest {
  @TempDir Path tmp;

  private Path written(String folder) throws Exception {
    OutputTree tree = GoldenOutputTest.generate(folder);
    Path out = tmp.resolve(folder.substring(folder.lastIndexOf('/') + 1));
    OutputWriter.write(tree, out);
    return out;
  }

  @TestFactory
  Stream<DynamicTest> systemdRepartAcceptsTheDeviceDefinitions() {
    return SpecFolders.all().stream()
        .map(
            folder ->
                DynamicTest.dynamicTest(
                    folder,
                    () -> {
                      Tools.require("systemd-repart");
                      Path out = written(folder);
                      Path defs = out.resolve("rootfs/usr/lib/repart.d");
                      if (!Files.isDirectory(defs)) {
                        // An OS in the initrd makes its disk with a script, not systemd-repart.
                        assertTrue(
                            Files.isRegularFile(out.resolve("rootfs/usr/lib/applc/data-disk")),
                            "no repart.d and no data-disk for " + folder);
                        return;
                      }
                      Path disk = out.resolve("dry.raw");
                      long size = GoldenOutputTest.class.getName().isEmpty() ? 0 : diskSize(folder);
                      try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
                        f.setLength(size);
                      }
                      Tools.Outcome r =
                          Tools.run(
                              out,
                              "systemd-repart",
                              "--dry-run=yes",
                              "--empty=force",
                              "--no-pager",
                              "--definitions=" + defs,
                              disk.toString());
                      assertEquals(0, r.exit(), r.output());
                      assertTrue(!r.output().contains("Failed"), r.output());
                    }));
  }

  /** The size of the spec's disk image, with room for growers. */
  private static long diskSize(String folder) {
    var result =
        new dev.applc.compiler.driver.Compiler(
                dev.applc.compiler.source.SourceProvider.fileSystem(SpecFolders.repoRoot()))
            .compile(SpecFolders.specFile(folder));
    long size = result.value().orElseThrow().appliances().get(0).disk().size();
    return size + (256L << 20);
  }
}
