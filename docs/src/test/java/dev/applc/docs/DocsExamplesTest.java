package dev.applc.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Compiler;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceProvider;
import dev.applc.compiler.syntax.Ast;
import dev.applc.compiler.syntax.Formatter;
import dev.applc.compiler.syntax.SpecParser;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example in the docs is compiled, so that the docs cannot show a spec that applc rejects.
 *
 * <p>Pages: README.md at the repository root, {@code docs/*.md} and {@code docs/diagnostics/*.md}.
 * Two kinds of fenced blocks are tested; all others (`text`, `sh`, ...) are left alone:
 *
 * <ul>
 *   <li>{@code ```applc}: a whole spec file, starting with {@code applc 1}. On a diagnostics page
 *       ({@code docs/diagnostics/APLnnnn.md}) the first such block shows the problem and must
 *       produce at least one diagnostic with the page's code; every later block shows a fix and
 *       must compile without errors. Anywhere else every block must compile with no diagnostic at
 *       all, not even a warning.
 *   <li>{@code ```applc-fragment}: part of a spec, such as a few properties or one block, that must
 *       parse without syntax errors. Wrapping rule: none is needed. The grammar is generic and
 *       accepts properties and blocks at the top of a file, so a fragment is parsed exactly as
 *       written, whether it is a whole file, a few top-level declarations or the body of any block.
 *       A fragment must therefore be balanced (every brace closed) and made of whole statements:
 *       write a lone value as a property, {@code size = 512M}, not {@code 512M}. Fragments are not
 *       checked against the language's schema; put an example in an {@code applc} block to have it
 *       checked in full.
 * </ul>
 *
 * <p>Every {@code ```applc} block that parses is also in the layout {@code applc fmt} writes, so
 * that a spec copied from the docs passes {@code applc fmt --check}.
 *
 * <p>A block is compiled as the file {@code PAGE#N} (the N-th tested block of the page) relative to
 * the repository root, so relative imports resolve beside the page and {@code std:} imports come
 * from the standard library on the classpath. Each block is one test, named by page and line.
 */
class DocsExamplesTest {
  static final String COMPLETE = "applc";
  static final String FRAGMENT = "applc-fragment";

  private static final Pattern DIAGNOSTIC_PAGE =
      Pattern.compile("docs/diagnostics/(APL[0-9]{4})\\.md");

  private final Path root = Docs.repoRoot();
  private final Compiler compiler = new Compiler(SourceProvider.fileSystem(root));

  @TestFactory
  Stream<DynamicTest> examples() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String page : Docs.pages(root)) {
      Matcher m = DIAGNOSTIC_PAGE.matcher(page);
      String code = m.matches() ? m.group(1) : null;
      int number = 0;
      int complete = 0;
      for (Markdown.CodeBlock block : Markdown.codeBlocks(Docs.read(root.resolve(page)))) {
        boolean isFragment = block.language().equals(FRAGMENT);
        if (!isFragment && !block.language().equals(COMPLETE)) {
          continue;
        }
        number++;
        SourceFile file = new SourceFile(page + "#" + number, block.text());
        String name = page + ":" + block.line() + (isFragment ? " (fragment)" : "");
        URI source = URI.create(root.resolve(page).toUri() + "?line=" + block.line());
        if (isFragment) {
          tests.add(DynamicTest.dynamicTest(name, source, () -> parses(file)));
        } else if (code == null) {
          tests.add(DynamicTest.dynamicTest(name, source, () -> compilesCleanly(file)));
        } else if (complete++ == 0) {
          tests.add(DynamicTest.dynamicTest(name, source, () -> reports(code, file)));
        } else {
          tests.add(DynamicTest.dynamicTest(name, source, () -> compilesWithoutErrors(file)));
        }
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> examplesAreFormatted() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String page : Docs.pages(root)) {
      for (Markdown.CodeBlock block : Markdown.codeBlocks(Docs.read(root.resolve(page)))) {
        if (!block.language().equals(COMPLETE)) {
          continue;
        }
        SourceFile file = new SourceFile(page, block.text());
        Diagnostics diagnostics = new Diagnostics();
        Ast.SpecFile tree = SpecParser.parse(file, diagnostics);
        if (diagnostics.hasErrors()) {
          continue; // a page about a syntax error: nothing to format
        }
        URI source = URI.create(root.resolve(page).toUri() + "?line=" + block.line());
        tests.add(
            DynamicTest.dynamicTest(
                page + ":" + block.line() + " (applc fmt)",
                source,
                () ->
                    assertEquals(
                        Formatter.format(tree),
                        block.text(),
                        "not in the layout of applc fmt; run it on the example")));
      }
    }
    return tests.stream();
  }

  /** The reference must keep its examples: an empty page would pass every test above. */
  @Test
  void theReferenceHasCompleteExamplesAndFragments() {
    List<Markdown.CodeBlock> blocks =
        Markdown.codeBlocks(Docs.read(root.resolve("docs/language.md")));
    assertTrue(blocks.stream().anyMatch(b -> b.language().equals(COMPLETE)), "no applc block");
    assertTrue(blocks.stream().anyMatch(b -> b.language().equals(FRAGMENT)), "no fragment");
  }

  private void compilesCleanly(SourceFile file) {
    Result<Compilation> result = compiler.compile(file);
    if (!result.diagnostics().isEmpty()) {
      fail("the example should compile with no diagnostics:\n" + render(result.diagnostics()));
    }
  }

  private void compilesWithoutErrors(SourceFile file) {
    Result<Compilation> result = compiler.compile(file);
    if (result.hasErrors()) {
      fail("the fixed example should compile without errors:\n" + render(result.diagnostics()));
    }
  }

  private void reports(String code, SourceFile file) {
    List<Diagnostic> found = compiler.compile(file).diagnostics();
    if (found.stream().noneMatch(d -> d.code().id().equals(code))) {
      fail(
          "the page's first example should produce "
              + code
              + (found.isEmpty() ? ", but compiles cleanly" : ", but gives:\n" + render(found)));
    }
  }

  private static void parses(SourceFile file) {
    Diagnostics diagnostics = new Diagnostics();
    SpecParser.parse(file, diagnostics);
    if (!diagnostics.sorted().isEmpty()) {
      fail("the fragment should parse:\n" + render(diagnostics.sorted()));
    }
  }

  private static String render(List<Diagnostic> diagnostics) {
    return new TextRenderer(false).render(diagnostics);
  }
}
