package dev.applc.specs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.diag.Code;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Diagnostics are a product surface: every code in the catalog has a case in the diagnostics corpus
 * that expects it and a page in {@code docs/diagnostics/} (printed by {@code applc explain}), and
 * every page and every expected code belongs to the catalog.
 */
class CatalogCoverageTest {
  private static final String DOCS = "docs/diagnostics";

  private static final String VERIFY =
      "reported by applc verify about a build's artifacts, not a spec's text; VerifierTest makes"
          + " small disks and UKIs in a temporary folder, BuildSignedImageTest tampers a build";

  /**
   * Codes that no corpus case can expect today, each with the reason. The corpus compiles specs
   * with {@link dev.applc.compiler.driver.Compiler}, so codes that only backends report cannot
   * appear in it; a code that no input reaches is a compiler bug to fix, not to hide. When a case
   * starts expecting one of these, {@link #knownGapsAreStillGaps} asks for its removal.
   */
  static final Map<String, String> KNOWN_GAPS =
      Map.ofEntries(
          Map.entry(
              "APL0509",
              "compares two versions of a spec (applc diff, check --against REV); DiffCommandTest"
                  + " makes a git repository in a temporary folder"),
          Map.entry(
              "APL0506",
              "reported by applc build when a key file is missing, after the spec compiled"),
          Map.entry(
              "APL0408",
              "setuid and world-writable bits cannot be kept in git; InputChecksTest makes such an"
                  + " overlay in a temporary folder"),
          Map.entry(
              "APL0010",
              "reported by applc compile and build for the -o path; no spec text is involved"
                  + " (OutputFolderTest, OutputFolderCliTest)"),
          Map.entry("APL0530", VERIFY),
          Map.entry("APL0531", VERIFY),
          Map.entry("APL0532", VERIFY),
          Map.entry("APL0533", VERIFY),
          Map.entry("APL0534", VERIFY),
          Map.entry("APL0535", VERIFY),
          Map.entry(
              "APL0536",
              "reported by applc verify about a build's systemd-sysupdate artifacts, not a spec's"
                  + " text; SysupdateCheckTest makes small artifacts and signs them with gpg,"
                  + " LifecycleImageTest tampers a build"));

  /**
   * Codes whose problem is not in a spec's text, or too big to print, so their page shows a
   * command.
   */
  private static final Set<String> NO_SPEC_EXAMPLE =
      Set.of(
          "APL0005", "APL0011", "APL0012", "APL0506", "APL0408", "APL0409", "APL0010", "APL0509",
          "APL0530", "APL0531", "APL0532", "APL0533", "APL0534", "APL0535", "APL0536");

  private static Path root;

  @BeforeAll
  static void findRoot() throws IOException {
    root = DiagnosticsCorpusTest.repositoryRoot();
  }

  @Test
  void everyCodeHasACorpusCase() throws IOException {
    Set<String> expected = expectedCodes();
    List<String> missing = new ArrayList<>();
    for (Code code : Code.values()) {
      if (!expected.contains(code.id()) && !KNOWN_GAPS.containsKey(code.id())) {
        missing.add(code.id() + " (" + code.title() + ")");
      }
    }
    assertTrue(
        missing.isEmpty(),
        () ->
            "codes no case under "
                + DiagnosticsCorpusTest.CORPUS
                + " expects; add a case for each: "
                + missing);
  }

  @Test
  void knownGapsAreStillGaps() throws IOException {
    Set<String> expected = expectedCodes();
    List<String> covered = new ArrayList<>();
    for (String code : new TreeSet<>(KNOWN_GAPS.keySet())) {
      if (expected.contains(code)) {
        covered.add(code);
      }
      assertTrue(Code.byId(code).isPresent(), () -> code + " in KNOWN_GAPS is not in the catalog");
    }
    assertTrue(
        covered.isEmpty(), () -> "a case now expects " + covered + ": remove them from KNOWN_GAPS");
  }

  @Test
  void everyExpectedCodeIsInTheCatalog() throws IOException {
    Set<String> unknown = new TreeSet<>(expectedCodes());
    for (Code code : Code.values()) {
      unknown.remove(code.id());
    }
    assertTrue(unknown.isEmpty(), () -> "the corpus expects codes the catalog lacks: " + unknown);
  }

  @Test
  void everyCodeHasAPage() {
    List<String> missing = new ArrayList<>();
    for (Code code : Code.values()) {
      if (!Files.isRegularFile(page(code))) {
        missing.add(DOCS + "/" + code.id() + ".md");
      }
    }
    assertTrue(missing.isEmpty(), () -> "missing pages: " + missing);
  }

  @Test
  void everyPageBelongsToACode() throws IOException {
    List<String> strays = new ArrayList<>();
    try (Stream<Path> pages = Files.list(root.resolve(DOCS))) {
      // Folders hold the files that examples import, such as examples/APL0004/.
      for (Path p : pages.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
        String file = p.getFileName().toString();
        if (file.equals("README.md")) {
          continue;
        }
        if (!file.endsWith(".md") || Code.byId(file.substring(0, file.length() - 3)).isEmpty()) {
          strays.add(file);
        }
      }
    }
    assertTrue(strays.isEmpty(), () -> "pages in " + DOCS + " for no known code: " + strays);
  }

  /**
   * Each page opens with its code and catalog title, says its severity, and shows a wrong and a
   * corrected example. The docs module compiles the examples: there, the first {@code applc} block
   * of a page must report the page's code and later ones must compile without errors.
   */
  @Test
  void pagesHaveTheirShape() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Code code : Code.values()) {
      Path page = page(code);
      if (!Files.isRegularFile(page)) {
        continue; // reported by everyCodeHasAPage
      }
      String text = Files.readString(page, StandardCharsets.UTF_8);
      String heading = "# " + code.id() + ": " + code.title() + "\n";
      if (!text.startsWith(heading)) {
        problems.add(code.id() + ": does not start with `" + heading.strip() + "`");
      }
      if (!text.contains("\nSeverity: " + code.severity().label() + "\n")) {
        problems.add(code.id() + ": does not say `Severity: " + code.severity().label() + "`");
      }
      for (String section : List.of("\n## Example\n", "\n## How to fix it\n")) {
        if (!text.contains(section)) {
          problems.add(code.id() + ": has no `" + section.strip() + "` section");
        }
      }
      int examples =
          NO_SPEC_EXAMPLE.contains(code.id())
              ? countOf(text, "```sh\n")
              : countOf(text, "```applc\n") + countOf(text, "```applc-fragment\n");
      if (examples < 2) {
        problems.add(code.id() + ": needs an erroneous and a corrected example");
      }
    }
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }

  @Test
  void indexListsEveryCode() throws IOException {
    String index =
        Files.readString(root.resolve(DOCS).resolve("README.md"), StandardCharsets.UTF_8);
    List<String> missing = new ArrayList<>();
    for (Code code : Code.values()) {
      String entry = "[" + code.id() + "](" + code.id() + ".md)";
      if (!index.contains(entry) || !index.contains(code.title())) {
        missing.add(code.id());
      }
    }
    assertTrue(missing.isEmpty(), () -> DOCS + "/README.md lacks: " + missing);
  }

  private static Path page(Code code) {
    return root.resolve(DOCS).resolve(code.id() + ".md");
  }

  /** Every code some {@code .diagnostics} file of the corpus expects. */
  private static Set<String> expectedCodes() throws IOException {
    Set<String> codes = new HashSet<>();
    try (Stream<Path> files = Files.walk(root.resolve(DiagnosticsCorpusTest.CORPUS))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".diagnostics")).toList()) {
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            codes.add(line.strip().split(" ", 2)[0]);
          }
        }
      }
    }
    return codes;
  }

  private static int countOf(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }
}
