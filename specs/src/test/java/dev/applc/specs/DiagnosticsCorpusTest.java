package dev.applc.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.applc.backends.TargetChecks;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Compiler;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.source.SourceProvider;
import dev.applc.compiler.source.SourceSpan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The diagnostics corpus: every {@code specs/diagnostics/AREA/CASE.appliance} is compiled and the
 * diagnostics it produces must be exactly those listed in {@code CASE.diagnostics}, one per line as
 * {@code CODE LINE:COL-LINE:COL} (1-based, end exclusive), in the compiler's order. A diagnostic in
 * another file than the case (an imported helper) is written {@code CODE FILE:LINE:COL-LINE:COL},
 * with FILE relative to the case's folder. Files named {@code *.inc.appliance} are helpers that
 * cases import, not cases.
 *
 * <p>When a case has no {@code .diagnostics} file yet, the test fails and writes what the compiler
 * produced to {@code CASE.diagnostics.new} for review: rename it once the output is right. Running
 * with {@code -Dapplc.bless=true} instead rewrites every {@code .diagnostics} file from the
 * compiler's output (and removes stale {@code .new} files); review the git diff before committing.
 *
 * <p>Beyond codes and places, every diagnostic must render as a user sees it: a header with
 * severity and code, the location, the source line, carets and a help line.
 */
class DiagnosticsCorpusTest {
  static final String CORPUS = "specs/diagnostics";

  /** {@code mvn -pl specs test -Dapplc.bless=true} rewrites every expectation. */
  private static final String BLESS = "applc.bless";

  private static final String CASE_SUFFIX = ".appliance";
  private static final String HELPER_SUFFIX = ".inc.appliance";

  @TestFactory
  Stream<DynamicTest> corpus() throws IOException {
    Path root = repositoryRoot();
    List<Path> cases = cases(root);
    assertTrue(!cases.isEmpty(), "no cases under " + root.resolve(CORPUS));
    return cases.stream()
        .map(c -> DynamicTest.dynamicTest(slashes(root.relativize(c)), () -> check(root, c)));
  }

  /** An expectation without its case is left over from a renamed or deleted case. */
  @Test
  void noStaleExpectations() throws IOException {
    Path root = repositoryRoot();
    List<String> stale = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root.resolve(CORPUS))) {
      for (Path p : files.sorted().collect(Collectors.toList())) {
        String file = p.getFileName().toString();
        String base =
            file.endsWith(".diagnostics")
                ? file.substring(0, file.length() - ".diagnostics".length())
                : file.endsWith(".diagnostics.new")
                    ? file.substring(0, file.length() - ".diagnostics.new".length())
                    : null;
        if (base != null
            && !Files.exists(p.resolveSibling(base + CASE_SUFFIX), LinkOption.NOFOLLOW_LINKS)) {
          stale.add(slashes(root.relativize(p)));
        }
      }
    }
    assertTrue(stale.isEmpty(), () -> "expectations without a case: " + stale);
  }

  /** Every case of the corpus, sorted by path; helpers excluded. */
  static List<Path> cases(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root.resolve(CORPUS))) {
      // Not Files::isRegularFile: the unreadable-file case is a link to nothing, on purpose.
      return files
          .filter(p -> !Files.isDirectory(p))
          .filter(p -> p.getFileName().toString().endsWith(CASE_SUFFIX))
          .filter(p -> !p.getFileName().toString().endsWith(HELPER_SUFFIX))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  /**
   * The repository's root: the nearest folder at or above the working directory whose {@code
   * pom.xml} lists the {@code specs} module. Surefire runs in the module's folder, an IDE perhaps
   * in the root.
   */
  static Path repositoryRoot() throws IOException {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path pom = dir.resolve("pom.xml");
      if (Files.isRegularFile(pom)
          && Files.readString(pom, StandardCharsets.UTF_8).contains("<module>specs</module>")) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "no pom.xml with <module>specs</module> above " + Path.of("").toAbsolutePath());
  }

  /**
   * Checks a case as {@code applc check} would from the repository root, without {@code --project}:
   * the case's folder is its project, and the backends report what the target's tools cannot do.
   */
  static Result<Compilation> compile(Path root, Path file) {
    String name = slashes(root.relativize(file));
    return TargetChecks.withBackends(
        new Compiler(SourceProvider.project(root, file.getParent())).compile(name), name);
  }

  private static void check(Path root, Path file) throws IOException {
    String name = slashes(root.relativize(file));
    Result<Compilation> result;
    try {
      result = compile(root, file);
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError("internal error compiling " + name + ": " + e, e);
    }
    // A case that reports nothing shows nothing; blessing must not accept that silently.
    assertTrue(!result.diagnostics().isEmpty(), () -> name + " produces no diagnostic");
    List<String> actual = new ArrayList<>();
    for (Diagnostic d : result.diagnostics()) {
      actual.add(line(name, d));
    }
    for (Diagnostic d : result.diagnostics()) {
      checkRendering(name, d);
    }
    String produced = actual.stream().map(l -> l + "\n").collect(Collectors.joining());
    Path expected = sibling(file, ".diagnostics");
    Path fresh = sibling(file, ".diagnostics.new");
    if (Boolean.getBoolean(BLESS)) {
      Files.writeString(expected, produced, StandardCharsets.UTF_8);
      Files.deleteIfExists(fresh);
      return;
    }
    if (!Files.exists(expected)) {
      Files.writeString(fresh, produced, StandardCharsets.UTF_8);
      fail(
          "no "
              + root.relativize(expected)
              + "; wrote what the compiler reports to "
              + root.relativize(fresh)
              + " for review");
    }
    List<String> want =
        Files.readAllLines(expected, StandardCharsets.UTF_8).stream()
            .filter(l -> !l.isBlank())
            .collect(Collectors.toList());
    assertEquals(
        String.join("\n", want),
        String.join("\n", actual),
        () ->
            name
                + ": diagnostics differ (run with -D"
                + BLESS
                + "=true to accept)\n"
                + new TextRenderer(false).render(result.diagnostics()));
  }

  /** {@code CODE L:C-L:C}, with the file in front when it is not the case itself. */
  static String line(String caseName, Diagnostic d) {
    SourceSpan s = d.span();
    String where = s.startLine() + ":" + s.startColumn() + "-" + s.endLine() + ":" + s.endColumn();
    String file = s.file().name();
    if (!file.equals(caseName)) {
      String folder = caseName.substring(0, caseName.lastIndexOf('/') + 1);
      where = (file.startsWith(folder) ? file.substring(folder.length()) : file) + ":" + where;
    }
    return d.code().id() + " " + where;
  }

  /** The diagnostic renders without throwing and shows everything a reader needs. */
  private static void checkRendering(String name, Diagnostic d) {
    String text;
    try {
      text = new TextRenderer(false).render(d);
    } catch (RuntimeException e) {
      throw new AssertionError(name + ": rendering " + line(name, d) + " threw " + e, e);
    }
    String source = d.span().file().lineText(d.span().startLine()).replace('\t', ' ');
    String where = name + ": " + line(name, d) + " renders as\n" + text;
    assertTrue(
        text.startsWith("error[" + d.code().id() + "]")
            || text.startsWith("warning[" + d.code().id() + "]"),
        () -> where + "\nexpected an `error[` or `warning[` header");
    assertTrue(text.contains("--> " + d.span().location()), () -> where + "\nno `-->` location");
    if (source.length() <= 160) {
      assertTrue(text.contains("| " + source), () -> where + "\nthe source line is not shown");
    } else {
      // A long line is shown as a window around the span, cut with "…".
      int from = d.span().startColumn() - 1;
      String atSpan = source.substring(from, Math.min(source.length(), from + 40));
      assertTrue(
          text.contains("…") && text.contains(atSpan),
          () -> where + "\nthe long source line is not shown around the span");
    }
    assertTrue(text.contains("^"), () -> where + "\nno carets");
    assertTrue(text.contains("= help: "), () -> where + "\nno help line");
    assertEquals(
        d.code().severity(), d.severity(), () -> where + "\nseverity differs from catalog");
  }

  private static Path sibling(Path file, String suffix) {
    String base = file.getFileName().toString();
    base = base.substring(0, base.length() - CASE_SUFFIX.length());
    return file.resolveSibling(base + suffix);
  }

  static String slashes(Path p) {
    return p.toString().replace('\\', '/');
  }
}
