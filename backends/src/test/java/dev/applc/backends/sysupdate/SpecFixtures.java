package dev.applc.backends.sysupdate;

import static org.junit.jupiter.api.Assertions.fail;

import dev.applc.compiler.backend.Backend;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.backend.Target;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Compiler;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The repository's specs, compiled, and backends run on them alone: the sysupdate and kernel tests
 * share it.
 */
public final class SpecFixtures {
  private SpecFixtures() {}

  /** The repository root: the directory whose pom.xml lists the backends module. */
  public static Path repoRoot() {
    return dev.applc.backends.RepoSpecs.repoRoot();
  }

  /** Every spec under specs/: a folder NAME holding NAME.appliance. */
  public static List<String> specNames() {
    Path specs = repoRoot().resolve("specs");
    try (Stream<Path> dirs = Files.list(specs)) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve(d.getFileName() + ".appliance")))
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String specFile(String name) {
    return dev.applc.backends.RepoSpecs.specFile(name);
  }

  /** The appliance of a spec under specs/, failing on any diagnostic. */
  public static Appliance appliance(String name) {
    return dev.applc.backends.RepoSpecs.appliance(name);
  }

  /** Compiles spec text; imports resolve against the repository. */
  public static Result<Compilation> compileText(String text) {
    return new Compiler(SourceProvider.fileSystem(repoRoot()))
        .compile(new SourceFile("test.appliance", text));
  }

  /** The appliance of spec text, failing on any compiler diagnostic. */
  /**
   * The appliance of a spec that compiles without errors. Warnings are the checker's business (its
   * own tests pin them); a backend generates from a spec that warns, so these tests do too.
   */
  public static Appliance applianceOf(String text) {
    Result<Compilation> r = compileText(text);
    if (r.diagnostics().stream().anyMatch(d -> d.isError()) || r.value().isEmpty()) {
      fail(new TextRenderer(false).render(r.diagnostics()));
    }
    return r.value().get().appliances().get(0);
  }

  /** What backends made of an appliance: the tree and what they reported. */
  public record Generated(OutputTree tree, List<Diagnostic> diagnostics) {
    public Optional<String> text(String path) {
      return tree.get(path).map(f -> f.text());
    }

    public String file(String path) {
      return text(path).orElseThrow(() -> new AssertionError("no " + path + " in " + paths()));
    }

    public List<String> paths() {
      return List.copyOf(tree.byPath().keySet());
    }

    public boolean rejected() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public String rendered() {
      return new TextRenderer(false).render(diagnostics);
    }
  }

  /** Runs backends on an appliance for its release's tool versions. */
  public static Generated run(Appliance a, Backend... backends) {
    return run(a, Target.of(a.os()), backends);
  }

  public static Generated run(Appliance a, Target target, Backend... backends) {
    OutputTree out = new OutputTree();
    Diagnostics d = new Diagnostics();
    BackendContext ctx = new BackendContext(a, target, "test.appliance", out, d);
    for (Backend b : backends) {
      b.generate(ctx);
    }
    return new Generated(out, d.sorted());
  }
}
