package dev.applc.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Compiler;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.json.ModelJson;
import dev.applc.compiler.source.SourceProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every spec compiles without diagnostics, and its resolved model matches the approved JSON
 * snapshot beside it ({@code specs/NAME/NAME.model.json}). A change to the model shows up as a
 * reviewed diff of that file.
 *
 * <p>To approve changes deliberately: {@code mvn -pl specs test -Dtest=ModelSnapshotTest
 * -Dapplc.bless=true}, then review {@code git diff specs/}.
 */
class ModelSnapshotTest {
  private static final boolean BLESS = Boolean.getBoolean("applc.bless");

  @TestFactory
  Stream<DynamicTest> everySpecMatchesItsApprovedModel() {
    Path root = SpecFolders.repoRoot();
    Compiler compiler = new Compiler(SourceProvider.fileSystem(root));
    return SpecFolders.all().stream()
        .map(
            folder ->
                DynamicTest.dynamicTest(
                    folder,
                    () -> {
                      String spec = SpecFolders.specFile(folder);
                      Result<Compilation> result = compiler.compile(spec);
                      assertTrue(
                          SpecFolders.unapproved(folder, result.diagnostics()).isEmpty(),
                          () -> new TextRenderer(false).render(result.diagnostics()));
                      List<?> appliances = result.value().orElseThrow().appliances();
                      String json =
                          ModelJson.write(appliances.size() == 1 ? appliances.get(0) : appliances)
                              + "\n";
                      Path approved = root.resolve(spec.replace(".appliance", ".model.json"));
                      if (BLESS) {
                        Files.writeString(approved, json, StandardCharsets.UTF_8);
                        return;
                      }
                      if (!Files.exists(approved)) {
                        Path fresh = Path.of(approved + ".new");
                        Files.writeString(fresh, json, StandardCharsets.UTF_8);
                        fail(
                            "no approved model for "
                                + spec
                                + "; review "
                                + root.relativize(fresh)
                                + " and rename it, or run with -Dapplc.bless=true");
                      }
                      assertEquals(
                          Files.readString(approved, StandardCharsets.UTF_8),
                          json,
                          "the model of " + spec + " changed; bless it if the change is meant");
                    }));
  }

  @Test
  void noStaleSnapshots() throws IOException {
    Path specs = SpecFolders.repoRoot().resolve("specs");
    try (Stream<Path> files = Files.walk(specs)) {
      for (Path json : files.filter(p -> p.toString().endsWith(".model.json")).toList()) {
        Path spec = Path.of(json.toString().replace(".model.json", ".appliance"));
        assertTrue(Files.exists(spec), "stale approved model without a spec: " + json);
      }
    }
  }

  @Test
  void modelJsonIsDeterministic() {
    Compiler compiler = new Compiler(SourceProvider.fileSystem(SpecFolders.repoRoot()));
    for (String folder : SpecFolders.all()) {
      String spec = SpecFolders.specFile(folder);
      String first = ModelJson.write(compiler.compile(spec).value().orElseThrow().appliances());
      String second = ModelJson.write(compiler.compile(spec).value().orElseThrow().appliances());
      assertEquals(first, second, spec);
    }
  }
}
