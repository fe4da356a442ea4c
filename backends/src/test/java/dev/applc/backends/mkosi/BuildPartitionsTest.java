package dev.applc.backends.mkosi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.backend.OutputFile;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Partition;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build-time partition definitions: the first slot only, verity partitions tied by one match
 * key each, labels and order as in the first-boot definitions, and on systemd 252 only the keys and
 * values systemd-repart 252 knows, which the real systemd-repart of bookworm confirms.
 */
class BuildPartitionsTest {
  @TempDir Path tmp;

  /** systemd-repart 252's [Partition] keys (digest repart.md, section 5). */
  static final Set<String> REPART_252 =
      Set.of(
          "Type",
          "Label",
          "UUID",
          "Priority",
          "Weight",
          "PaddingWeight",
          "SizeMinBytes",
          "SizeMaxBytes",
          "PaddingMinBytes",
          "PaddingMaxBytes",
          "CopyBlocks",
          "Format",
          "CopyFiles",
          "MakeDirectories",
          "Encrypt",
          "Verity",
          "VerityMatchKey",
          "SplitName",
          "FactoryReset",
          "Flags",
          "NoAuto",
          "ReadOnly",
          "GrowFileSystem");

  static Map<String, List<String>> settings(String text) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String line : text.lines().toList()) {
      int eq = line.indexOf('=');
      if (line.startsWith("#") || line.startsWith("[") || eq < 0) {
        continue;
      }
      out.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>())
          .add(line.substring(eq + 1));
    }
    return out;
  }

  static String one(Map<String, List<String>> s, String key) {
    List<String> v = s.getOrDefault(key, List.of());
    return v.isEmpty() ? "" : v.get(0);
  }

  @TestFactory
  Stream<DynamicTest> firstSlotOnlyWithOneVerityGroup() {
    return MkosiSpecs.ALL.stream()
        .map(
            spec ->
                DynamicTest.dynamicTest(
                    spec,
                    () -> {
                      Appliance a = MkosiSpecs.appliance(spec);
                      OutputTree tree = MkosiSpecs.generate(spec).tree();
                      List<OutputFile> defs = tree.under(BuildPartitions.DIR);
                      if (a.os().rootInInitrd()) {
                        // mkosi makes the initrd's cpio archive: no partitions to lay out.
                        assertTrue(defs.isEmpty(), spec);
                        return;
                      }
                      assertFalse(defs.isEmpty(), spec);
                      Map<String, Map<String, Integer>> groups = new HashMap<>();
                      for (OutputFile f : defs) {
                        String name = f.path().substring(BuildPartitions.DIR.length() + 1);
                        String id = name.substring(name.indexOf('-') + 1, name.length() - 5);
                        Partition p = a.disk().partition(id).orElseThrow();
                        if (a.disk().hasSlots() && p.slot().isPresent()) {
                          assertEquals(a.disk().slotNames().get(0), p.slot().get(), name);
                        }
                        // Same file name and label as the first-boot definition; with
                        // sysupdate, slot A's label is that label with the installed version.
                        String device =
                            tree.get("rootfs/usr/lib/repart.d/" + name).orElseThrow().text();
                        Map<String, List<String>> s = settings(f.text());
                        assertEquals(one(settings(device), "Type"), one(s, "Type"), name);
                        String label = one(settings(device), "Label");
                        if (SysupdateOutputs.applies(a) && p.slot().isPresent()) {
                          label = label + "_" + a.version();
                        }
                        assertEquals(label, one(s, "Label"), name);
                        assertFalse(s.containsKey("Minimize"), name);
                        if (s.containsKey("Verity")) {
                          groups
                              .computeIfAbsent(one(s, "VerityMatchKey"), k -> new HashMap<>())
                              .merge(one(s, "Verity"), 1, Integer::sum);
                        }
                      }
                      for (Map.Entry<String, Map<String, Integer>> g : groups.entrySet()) {
                        assertEquals(1, g.getValue().get("data"), g.toString());
                        assertEquals(1, g.getValue().get("hash"), g.toString());
                        assertTrue(g.getValue().getOrDefault("signature", 0) <= 1, g.toString());
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> systemd252KeysOnlyAndRepart252ReadsThem() {
    return MkosiSpecs.ALL.stream()
        .map(
            spec ->
                DynamicTest.dynamicTest(
                    spec,
                    () -> {
                      OutputTree tree = MkosiSpecs.generate(spec, MkosiSpecs.BOOKWORM).tree();
                      for (OutputFile f : tree.under(BuildPartitions.DIR)) {
                        Map<String, List<String>> s = settings(f.text());
                        assertTrue(REPART_252.containsAll(s.keySet()), f.path() + "\n" + f.text());
                        assertFalse(
                            s.getOrDefault("Format", List.of()).contains("erofs"), f.path());
                      }
                      repart(tree, tmp.resolve(spec));
                    }));
  }

  /** Runs bookworm's systemd-repart over the definitions; fails on any complaint. */
  static void repart(OutputTree tree, Path dir) throws Exception {
    Tools.require("systemd-repart");
    Path defs = dir.resolve("mkosi.repart");
    Path root = dir.resolve("root");
    Files.createDirectories(defs);
    Files.createDirectories(root);
    for (OutputFile f : tree.under(BuildPartitions.DIR)) {
      Files.write(defs.resolve(f.path().substring(BuildPartitions.DIR.length() + 1)), f.content());
    }
    Path disk = dir.resolve("dry.raw");
    try (RandomAccessFile raf = new RandomAccessFile(disk.toFile(), "rw")) {
      raf.setLength(16L << 30);
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                "systemd-repart",
                "--dry-run=yes",
                "--empty=force",
                "--no-pager",
                "--definitions=" + defs,
                "--root=" + root));
    boolean signs =
        tree.under(BuildPartitions.DIR).stream()
            .anyMatch(f -> f.text().contains("\nVerity=signature\n"));
    if (signs) {
      // A throwaway key: repart wants one for a signature partition even on a dry run.
      Tools.require("openssl");
      Tools.ok(
          dir,
          List.of(
              "openssl",
              "req",
              "-x509",
              "-newkey",
              "rsa:2048",
              "-nodes",
              "-subj",
              "/CN=test",
              "-days",
              "1",
              "-keyout",
              "test.key",
              "-out",
              "test.crt"));
      command.add("--private-key=" + dir.resolve("test.key"));
      command.add("--certificate=" + dir.resolve("test.crt"));
    }
    command.add(disk.toString());
    Tools.Outcome r = Tools.run(dir, command);
    assertEquals(0, r.exit(), r.output());
    assertFalse(r.output().contains("Unknown key"), r.output());
    assertFalse(r.output().contains("Failed"), r.output());
    assertFalse(r.output().contains("Invalid"), r.output());
  }

  @Test
  void repart252ComplainsAboutAnUnknownKey() throws Exception {
    Tools.require("systemd-repart");
    OutputTree tree = MkosiSpecs.generate("minimal").tree();
    OutputTree broken = new OutputTree();
    for (OutputFile f : tree.under(BuildPartitions.DIR)) {
      String text = f.path().endsWith("00-esp.conf") ? f.text() + "Minimize=best\n" : f.text();
      broken.add(f.path(), text, f.mode(), f.origins());
    }
    try {
      repart(broken, tmp.resolve("broken"));
    } catch (AssertionError expected) {
      assertTrue(expected.getMessage().contains("Unknown key 'Minimize'"), expected.getMessage());
      return;
    }
    throw new AssertionError("systemd-repart 252 accepted Minimize=");
  }
}
