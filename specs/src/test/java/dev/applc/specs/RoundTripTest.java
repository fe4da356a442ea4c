package dev.applc.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.driver.Compiler;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceProvider;
import dev.applc.compiler.syntax.Ast;
import dev.applc.compiler.syntax.AstDump;
import dev.applc.compiler.syntax.Formatter;
import dev.applc.compiler.syntax.SpecParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every spec and every standard-library file survives the formatter: source, tree, printed source,
 * the same tree again; printing that gives the same text; and the printed text compiles to the same
 * diagnostics codes as the original. The diagnostics corpus is left out, since its cases are broken
 * on purpose.
 */
class RoundTripTest {
  static final String STDLIB = "stdlib/src/main/resources/std";
  static final String DIAGNOSTICS = "specs/diagnostics/";

  @TestFactory
  Stream<DynamicTest> everySpecRoundTrips() {
    Path root = SpecFolders.repoRoot();
    SourceProvider provider = SourceProvider.fileSystem(root);
    return corpus(root).stream()
        .map(f -> DynamicTest.dynamicTest(f.name(), () -> roundTrip(provider, f)));
  }

  private static void roundTrip(SourceProvider provider, SourceFile original) {
    Diagnostics syntax = new Diagnostics();
    Ast.SpecFile tree = SpecParser.parse(original, syntax);
    assertFalse(
        syntax.hasErrors(), () -> new TextRenderer(false).render(syntax.sorted()) + "in the spec");

    String formatted = Formatter.format(tree);
    SourceFile printed = new SourceFile(original.name(), formatted);
    Diagnostics again = new Diagnostics();
    Ast.SpecFile reparsed = SpecParser.parse(printed, again);
    assertEquals(List.of(), again.sorted(), () -> "the formatted text:\n" + formatted);
    assertEquals(AstDump.dump(tree), AstDump.dump(reparsed), "the same tree after formatting");
    assertEquals(formatted, Formatter.format(reparsed), "formatting twice changes nothing");

    Compiler compiler = new Compiler(provider);
    assertEquals(
        codes(compiler.compile(original).diagnostics()),
        codes(compiler.compile(printed).diagnostics()),
        "the same diagnostics for the formatted text");
  }

  private static List<String> codes(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(d -> d.code().id()).sorted().toList();
  }

  /**
   * The spec files under specs/ (but not the diagnostics corpus) named as the compiler names them
   * (relative to the repository root), and the standard library's files named {@code std:...}.
   */
  static List<SourceFile> corpus(Path root) {
    List<SourceFile> files = new ArrayList<>();
    for (Path p : appliances(root.resolve("specs"))) {
      String name = slashes(root.relativize(p));
      if (!name.startsWith(DIAGNOSTICS)) {
        files.add(new SourceFile(name, read(p)));
      }
    }
    Path std = root.resolve(STDLIB);
    for (Path p : appliances(std)) {
      String name = slashes(std.relativize(p));
      name = name.substring(0, name.length() - ".appliance".length());
      files.add(new SourceFile(SourceProvider.STD_SCHEME + name, read(p)));
    }
    return files;
  }

  private static List<Path> appliances(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths
          .filter(p -> p.getFileName().toString().endsWith(".appliance"))
          .filter(p -> !slashes(dir.relativize(p)).contains("target/"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String slashes(Path p) {
    return p.toString().replace('\\', '/');
  }
}
