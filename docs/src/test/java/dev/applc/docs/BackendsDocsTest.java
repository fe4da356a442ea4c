package dev.applc.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.applc.backends.Backends;
import dev.applc.compiler.backend.Backend;
import dev.applc.compiler.backend.OutputFile;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Compiler;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.source.SourceProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps docs/backends.md in step with the backends and what they generate.
 *
 * <ul>
 *   <li>Every backend of {@link Backends#ALL} has a section {@code ## ID}, in registry order.
 *   <li>Every top-level entry of every spec's generated tree (compiled here through the compiler
 *       and {@link Backends#generate}, as {@code applc compile} does) is named in the section
 *       {@value #LAYOUT}: a folder as {@code `NAME/`}, a file as {@code `NAME`}.
 *   <li>Every excerpt is real output: a fenced block right after a line {@code <!-- excerpt: SPEC
 *       PATH -->} is a run of consecutive lines of the file PATH generated for {@code
 *       specs/SPEC/SPEC.appliance}; a line {@code ...} in it stands for lines left out. Each
 *       backend's section has at least one.
 * </ul>
 */
class BackendsDocsTest {
  private static final String PAGE = "docs/backends.md";
  static final String LAYOUT = "Layout of an output tree";
  private static final String GAP = "...";

  private static final Pattern EXCERPT =
      Pattern.compile("^<!-- excerpt: (\\S+) (\\S+) -->$", Pattern.MULTILINE);

  /** Generated trees by spec folder name, compiled once for all tests. */
  private static final Map<String, OutputTree> TREES = new ConcurrentHashMap<>();

  private final Path root = Docs.repoRoot();
  private final Path pagePath = root.resolve(PAGE);
  private final String page = Docs.read(pagePath);

  @Test
  void everyBackendHasASectionInRegistryOrder() {
    List<String> ids = Backends.ALL.stream().map(Backend::id).toList();
    List<String> found =
        Markdown.sections(page).stream()
            .filter(s -> s.level() == 2)
            .map(Markdown.Section::title)
            .filter(ids::contains)
            .toList();
    assertEquals(ids, found, PAGE + " should have one `## ID` section per backend, in order");
  }

  @TestFactory
  Stream<DynamicTest> everyTopLevelFolderIsDescribedInTheLayout() {
    String layout =
        chapter(LAYOUT).orElseThrow(() -> new AssertionError(PAGE + " has no ## " + LAYOUT));
    List<String> specs = specNames();
    assertTrue(specs.size() >= 6, "fewer specs than expected: " + specs);
    return specs.stream()
        .map(
            spec ->
                DynamicTest.dynamicTest(
                    spec,
                    pagePath.toUri(),
                    () -> {
                      List<String> missing = new ArrayList<>();
                      for (String entry : topLevel(tree(spec))) {
                        if (!layout.contains("`" + entry + "`")) {
                          missing.add(entry);
                        }
                      }
                      assertEquals(
                          List.of(),
                          missing,
                          "top-level entries of specs/" + spec + "'s tree not in ## " + LAYOUT);
                    }));
  }

  @TestFactory
  Stream<DynamicTest> excerptsAreRealOutput() {
    List<Markdown.CodeBlock> blocks = Markdown.codeBlocks(page);
    String[] lines = page.split("\r?\n", -1);
    List<DynamicTest> tests = new ArrayList<>();
    Matcher m = EXCERPT.matcher(page);
    while (m.find()) {
      int markerLine = lineOf(m.start());
      String spec = m.group(1);
      String path = m.group(2);
      URI source = URI.create(pagePath.toUri() + "?line=" + markerLine);
      tests.add(
          DynamicTest.dynamicTest(
              PAGE + ":" + markerLine + " " + spec + " " + path,
              source,
              () -> {
                Markdown.CodeBlock block = blockAfter(blocks, lines, markerLine);
                OutputFile file =
                    tree(spec)
                        .get(path)
                        .orElseThrow(
                            () -> new AssertionError("specs/" + spec + " generates no " + path));
                checkExcerpt(block.text(), file.text(), spec + " " + path);
              }));
    }
    assertFalse(tests.isEmpty(), PAGE + " has no excerpts");
    return tests.stream();
  }

  @Test
  void everyBackendSectionHasAnExcerpt() {
    List<String> without = new ArrayList<>();
    for (Backend b : Backends.ALL) {
      Optional<String> body = chapter(b.id());
      if (body.isEmpty() || !EXCERPT.matcher(body.get()).find()) {
        without.add(b.id());
      }
    }
    assertEquals(List.of(), without, "backend sections without an excerpt of real output");
  }

  /**
   * The text of a level-2 section, with its subsections, up to the next heading of level 1 or 2.
   */
  private Optional<String> chapter(String title) {
    List<Markdown.Section> sections = Markdown.sections(page);
    for (int i = 0; i < sections.size(); i++) {
      Markdown.Section s = sections.get(i);
      if (s.level() != 2 || !s.title().equals(title)) {
        continue;
      }
      StringBuilder text = new StringBuilder(s.body());
      for (int j = i + 1; j < sections.size() && sections.get(j).level() > 2; j++) {
        Markdown.Section sub = sections.get(j);
        text.append("#".repeat(sub.level())).append(' ').append(sub.title()).append('\n');
        text.append(sub.body());
      }
      return Optional.of(text.toString());
    }
    return Optional.empty();
  }

  /** The fenced block that follows a marker, with nothing but blank lines between. */
  private static Markdown.CodeBlock blockAfter(
      List<Markdown.CodeBlock> blocks, String[] lines, int markerLine) {
    Markdown.CodeBlock next =
        blocks.stream()
            .filter(b -> b.line() > markerLine)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no code block after line " + markerLine));
    for (int n = markerLine + 1; n < next.line(); n++) {
      if (!lines[n - 1].isBlank()) {
        fail("line " + n + " stands between the excerpt marker and its code block");
      }
    }
    return next;
  }

  /**
   * The excerpt's parts (separated by {@value #GAP} lines) occur in the file in order, each as
   * consecutive whole lines.
   */
  static void checkExcerpt(String excerpt, String file, String what) {
    List<String> fileLines = file.lines().toList();
    List<List<String>> parts = new ArrayList<>();
    List<String> part = new ArrayList<>();
    for (String line : excerpt.lines().toList()) {
      if (line.strip().equals(GAP)) {
        parts.add(part);
        part = new ArrayList<>();
      } else {
        part.add(line);
      }
    }
    parts.add(part);
    int from = 0;
    for (List<String> p : parts) {
      if (p.isEmpty()) {
        continue;
      }
      int at = indexOf(fileLines, p, from);
      if (at < 0) {
        fail(
            "the excerpt of "
                + what
                + " is not what applc generates; these lines are not in the file"
                + (from > 0 ? " after the excerpt's earlier lines" : "")
                + ":\n"
                + String.join("\n", p)
                + "\n--- the file ---\n"
                + file);
      }
      from = at + p.size();
    }
  }

  private static int indexOf(List<String> lines, List<String> run, int from) {
    for (int i = from; i + run.size() <= lines.size(); i++) {
      if (lines.subList(i, i + run.size()).equals(run)) {
        return i;
      }
    }
    return -1;
  }

  private int lineOf(int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (page.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** The first path segments of a tree: folders with a trailing slash, files as they are. */
  static List<String> topLevel(OutputTree tree) {
    TreeSet<String> entries = new TreeSet<>();
    for (String path : tree.byPath().keySet()) {
      int slash = path.indexOf('/');
      entries.add(slash < 0 ? path : path.substring(0, slash + 1));
    }
    return List.copyOf(entries);
  }

  /** Every spec folder under specs/: a folder NAME holding NAME.appliance. */
  private List<String> specNames() {
    try (Stream<Path> dirs = Files.list(root.resolve("specs"))) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve(d.getFileName() + ".appliance")))
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A spec's generated tree, as `applc compile specs/NAME/NAME.appliance` from the root makes. */
  private OutputTree tree(String spec) {
    return TREES.computeIfAbsent(spec, s -> generate(root, "specs/" + s + "/" + s + ".appliance"));
  }

  private static OutputTree generate(Path root, String specFile) {
    Result<Compilation> result = new Compiler(SourceProvider.fileSystem(root)).compile(specFile);
    if (result.hasErrors() || result.value().isEmpty()) {
      fail(
          specFile + " does not compile:\n" + new TextRenderer(false).render(result.diagnostics()));
    }
    Appliance a = result.value().get().appliances().get(0);
    Diagnostics diagnostics = new Diagnostics();
    OutputTree tree = Backends.generate(a, specFile, diagnostics);
    if (diagnostics.hasErrors()) {
      fail(
          "the backends report errors for "
              + specFile
              + ":\n"
              + new TextRenderer(false).render(diagnostics.sorted()));
    }
    return tree;
  }
}
