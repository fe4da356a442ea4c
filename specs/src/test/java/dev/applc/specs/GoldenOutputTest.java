package dev.applc.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.applc.backends.Backends;
import dev.applc.compiler.backend.OutputFile;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.driver.Compiler;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.source.SourceProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every spec's generated tree matches its approved tree ({@code specs/NAME/approved/}) byte for
 * byte; files that are approved but no longer generated fail too.
 *
 * <p>To approve a change deliberately: {@code mvn -pl specs test -Dtest=GoldenOutputTest
 * -Dapplc.bless=true}, then review {@code git diff specs/}: each changed line of generated output
 * is a line of that diff.
 */
class GoldenOutputTest {
  private static final boolean BLESS = Boolean.getBoolean("applc.bless");

  /** The generated tree of a spec folder, failing on any diagnostic. */
  static OutputTree generate(String folder) {
    Path root = SpecFolders.repoRoot();
    String spec = SpecFolders.specFile(folder);
    var result = new Compiler(SourceProvider.fileSystem(root)).compile(spec);
    Diagnostics diagnostics = new Diagnostics();
    diagnostics.addAll(result.diagnostics());
    Appliance a = result.value().orElseThrow().appliances().get(0);
    OutputTree tree = Backends.generate(a, spec, diagnostics);
    if (diagnostics.hasErrors()) {
      fail(new TextRenderer(false).render(diagnostics.sorted()));
    }
    return tree;
  }

  /**
   * The warnings a spec compiles with (for example what its target's tools cannot do), one per line
   * as {@code CODE file:line:col message}; approved beside the spec as NAME.warnings.
   */
  static String warnings(String folder) {
    Path root = SpecFolders.repoRoot();
    String spec = SpecFolders.specFile(folder);
    var result = new Compiler(SourceProvider.fileSystem(root)).compile(spec);
    Diagnostics diagnostics = new Diagnostics();
    diagnostics.addAll(result.diagnostics());
    Backends.generate(result.value().orElseThrow().appliances().get(0), spec, diagnostics);
    StringBuilder out = new StringBuilder();
    for (var d : diagnostics.sorted()) {
      out.append(d.code().id())
          .append(' ')
          .append(d.span().location())
          .append(' ')
          .append(d.message())
          .append('\n');
    }
    return out.toString();
  }

  @TestFactory
  Stream<DynamicTest> warningsAreApproved() {
    return SpecFolders.all().stream()
        .map(
            folder ->
                DynamicTest.dynamicTest(
                    folder,
                    () -> {
                      String name = folder.substring(folder.lastIndexOf('/') + 1);
                      Path approved =
                          SpecFolders.repoRoot().resolve(folder).resolve(name + ".warnings");
                      String got = warnings(folder);
                      if (BLESS) {
                        if (got.isEmpty()) {
                          Files.deleteIfExists(approved);
                        } else {
                          Files.writeString(approved, got);
                        }
                        return;
                      }
                      String want = Files.exists(approved) ? Files.readString(approved) : "";
                      assertEquals(want, got, folder + ": warnings changed (bless after review)");
                    }));
  }

  @TestFactory
  Stream<DynamicTest> generatedTreesMatchTheApprovedTrees() {
    return SpecFolders.all().stream()
        .map(folder -> DynamicTest.dynamicTest(folder, () -> compare(folder)));
  }

  private static void compare(String folder) throws IOException {
    Path approved = SpecFolders.repoRoot().resolve(folder).resolve("approved");
    OutputTree tree = generate(folder);
    Map<String, byte[]> onDisk = read(approved);
    if (BLESS) {
      if (Files.exists(approved)) {
        try (Stream<Path> files = Files.walk(approved)) {
          for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      for (OutputFile f : tree.files()) {
        Path p = approved.resolve(f.path());
        Files.createDirectories(p.getParent());
        Files.write(p, f.content());
      }
      return;
    }
    List<String> problems = new ArrayList<>();
    for (OutputFile f : tree.files()) {
      byte[] want = onDisk.remove(f.path());
      if (want == null) {
        problems.add("new file, not approved: " + f.path());
      } else if (!java.util.Arrays.equals(want, f.content())) {
        problems.add("changed: " + f.path() + "\n" + firstDifference(want, f.content()));
      }
    }
    for (String stale : onDisk.keySet()) {
      problems.add("approved but no longer generated: " + stale);
    }
    assertTrue(
        problems.isEmpty(),
        () ->
            folder
                + " differs from its approved output (bless with -Dapplc.bless=true after"
                + " review):\n"
                + String.join("\n", problems));
  }

  private static String firstDifference(byte[] want, byte[] got) {
    String[] a = new String(want, java.nio.charset.StandardCharsets.UTF_8).split("\n", -1);
    String[] b = new String(got, java.nio.charset.StandardCharsets.UTF_8).split("\n", -1);
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String x = i < a.length ? a[i] : "<end>";
      String y = i < b.length ? b[i] : "<end>";
      if (!x.equals(y)) {
        return "  line " + (i + 1) + ": approved `" + x + "`, generated `" + y + "`";
      }
    }
    return "";
  }

  private static Map<String, byte[]> read(Path dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    return out;
  }

  private static List<String> ranges(OutputFile f) {
    return f.origins().stream().map(dev.applc.compiler.source.SourceSpan::range).toList();
  }

  @TestFactory
  Stream<DynamicTest> generationIsDeterministic() {
    return SpecFolders.all().stream()
        .map(
            folder ->
                DynamicTest.dynamicTest(
                    folder,
                    () -> {
                      OutputTree a = generate(folder);
                      OutputTree b = generate(folder);
                      assertEquals(a.byPath().keySet(), b.byPath().keySet());
                      for (OutputFile f : a.files()) {
                        OutputFile g = b.get(f.path()).orElseThrow();
                        assertEquals(f.text(), g.text(), f.path());
                        assertEquals(f.mode(), g.mode(), f.path());
                        assertEquals(ranges(f), ranges(g), f.path());
                        String text = f.text();
                        assertTrue(
                            !text.contains(SpecFolders.repoRoot().toString()),
                            f.path() + " names a path of this machine");
                      }
                    }));
  }
}
