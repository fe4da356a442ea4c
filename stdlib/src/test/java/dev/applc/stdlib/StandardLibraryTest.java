package dev.applc.stdlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Compiler;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.source.SourceProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every standard-library file compiles cleanly, as `import std:NAME` loads it. */
class StandardLibraryTest {
  private static final Path STD = Path.of("src/main/resources/std");

  static List<String> names() throws IOException {
    try (Stream<Path> files = Files.walk(STD)) {
      return files
          .filter(p -> p.toString().endsWith(".appliance"))
          .map(p -> STD.relativize(p).toString().replace('\\', '/'))
          .map(p -> "std:" + p.substring(0, p.length() - ".appliance".length()))
          .sorted()
          .toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyFileCompilesWithoutDiagnostics() throws IOException {
    List<String> names = names();
    assertTrue(names.size() >= 2, "the library has files");
    Compiler compiler = new Compiler(SourceProvider.fileSystem(Path.of("")));
    return names.stream()
        .map(
            name ->
                DynamicTest.dynamicTest(
                    name,
                    () -> {
                      assertTrue(
                          SourceProvider.standardLibrary(name).isPresent(),
                          name + " is packaged on the classpath");
                      Result<Compilation> r = compiler.compile(name);
                      assertEquals(
                          List.of(),
                          r.diagnostics(),
                          () -> new TextRenderer(false).render(r.diagnostics()));
                    }));
  }

  @TestFactory
  Stream<DynamicTest> everyFileSaysWhatItIs() throws IOException {
    return names().stream()
        .map(
            name ->
                DynamicTest.dynamicTest(
                    name,
                    () -> {
                      Optional<String> text = SourceProvider.standardLibrary(name);
                      assertTrue(
                          text.orElseThrow().contains("\n#"),
                          name + " starts with a comment that explains it");
                    }));
  }
}
