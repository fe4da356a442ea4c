package dev.applc.backends.systemd;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.backend.OutputFile;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.backend.Target;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Compiler;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.sema.Profiles;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's specs, compiled, and the systemd backend's output for them. */
final class Specs {
  private Specs() {}

  /** Every spec folder name under specs/ with a NAME.appliance, sorted. */
  static List<String> all() {
    try (Stream<Path> dirs = Files.list(repoRoot().resolve("specs"))) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve(d.getFileName() + ".appliance")))
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The repository root: the directory whose pom.xml lists the backends module. */
  static Path repoRoot() {
    return dev.applc.backends.RepoSpecs.repoRoot();
  }

  static String file(String name) {
    return dev.applc.backends.RepoSpecs.specFile(name);
  }

  /** A spec of the repository, compiled without errors. */
  static Appliance compile(String name) {
    return checked(new Compiler(SourceProvider.fileSystem(repoRoot())).compile(file(name)));
  }

  /** A spec given as text (imports resolve against the repository and the stdlib). */
  static Result<Compilation> compileText(String text) {
    return new Compiler(SourceProvider.fileSystem(repoRoot()))
        .compile(new SourceFile("test.appliance", text));
  }

  static Appliance checked(Result<Compilation> r) {
    if (r.hasErrors() || r.value().isEmpty()) {
      fail(new TextRenderer(false).render(r.diagnostics()));
    }
    return r.value().get().appliances().get(0);
  }

  /** The appliance a profile of it builds. */
  static Appliance profile(Appliance a, String profile) {
    return Profiles.apply(a, a.profile(profile).orElseThrow());
  }

  /** The systemd backend's files and diagnostics for an appliance. */
  record Output(OutputTree tree, List<Diagnostic> diagnostics) {
    String text(String path) {
      return tree.get(path).map(OutputFile::text).orElseThrow(() -> new AssertionError(path));
    }

    boolean has(String path) {
      return tree.get(path).isPresent();
    }

    /** The output, which must come without diagnostics. */
    Output clean() {
      assertTrue(diagnostics.isEmpty(), () -> new TextRenderer(false).render(diagnostics));
      return this;
    }
  }

  static Output generate(Appliance a, String specName) {
    OutputTree out = new OutputTree();
    Diagnostics d = new Diagnostics();
    new SystemdBackend().generate(new BackendContext(a, Target.of(a.os()), specName, out, d));
    return new Output(out, d.sorted());
  }

  static Output generate(String name) {
    return generate(compile(name), file(name));
  }
}
