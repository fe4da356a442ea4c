package dev.applc.backends.mkosi;

import static org.junit.jupiter.api.Assertions.fail;

import dev.applc.backends.repart.RepartBackend;
import dev.applc.compiler.backend.Backend;
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
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Compiles the repository's specs (or spec text) and generates the mkosi tree, with the repart
 * backend before it so that the output has a {@code rootfs/} as in a real compile.
 */
final class MkosiSpecs {
  private MkosiSpecs() {}

  static final List<String> ALL =
      List.of("minimal", "rpi4-sysupdate", "rpi400-rauc", "tdx-debian", "loisto-console", "initos");

  /** The specs whose target is Debian bookworm: mkosi 14. */
  static final List<String> V14 = List.of("minimal", "tdx-debian");

  static final List<String> CURRENT =
      List.of("rpi4-sysupdate", "rpi400-rauc", "loisto-console", "initos");

  private static final List<Backend> BACKENDS = List.of(new RepartBackend(), new MkosiBackend());

  static Path repoRoot() {
    return dev.applc.backends.RepoSpecs.repoRoot();
  }

  static String specFile(String name) {
    return dev.applc.backends.RepoSpecs.specFile(name);
  }

  static Appliance appliance(String name) {
    return dev.applc.backends.RepoSpecs.applianceOf(
        dev.applc.backends.RepoSpecs.compile(name), true);
  }

  static OutputTree run(Appliance a, String specName, Diagnostics d) {
    OutputTree out = new OutputTree();
    BackendContext ctx = new BackendContext(a, Target.of(a.os()), specName, out, d);
    for (Backend b : BACKENDS) {
      b.generate(ctx);
    }
    return out;
  }

  /** What generating a spec gives: the tree and the diagnostics (errors fail the test). */
  record Outcome(OutputTree tree, List<Diagnostic> diagnostics) {
    boolean rejected() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    String text(String path) {
      return tree.get(path).orElseThrow(() -> new AssertionError("no " + path)).text();
    }

    String rendered() {
      return new TextRenderer(false).render(diagnostics);
    }
  }

  /** The target of Debian bookworm: systemd 252, mkosi 14. */
  static final Target BOOKWORM = new Target(252, 1, 8, 14, false);

  /** The target of Debian trixie: systemd 257, mkosi 25. */
  static final Target TRIXIE = new Target(257, 1, 13, 25, true);

  static Outcome generate(String name) {
    return generate(name, Target.of(appliance(name).os()));
  }

  /** A spec generated for another target than its own, to try both dialects on every spec. */
  static Outcome generate(String name, Target target) {
    Diagnostics d = new Diagnostics();
    Appliance a = appliance(name);
    OutputTree tree = new OutputTree();
    BackendContext ctx = new BackendContext(a, target, specFile(name), tree, d);
    for (Backend b : BACKENDS) {
      b.generate(ctx);
    }
    if (d.hasErrors()) {
      fail(new TextRenderer(false).render(d.sorted()));
    }
    return new Outcome(tree, d.sorted());
  }

  /** Compiles spec text (imports resolve against the repository) and generates. */
  static Outcome generateText(String text) {
    SourceFile file = new SourceFile("test.appliance", text);
    Result<Compilation> r = new Compiler(SourceProvider.fileSystem(repoRoot())).compile(file);
    Diagnostics d = new Diagnostics();
    d.addAll(r.diagnostics());
    if (r.hasErrors() || r.value().isEmpty() || r.value().get().appliances().isEmpty()) {
      return new Outcome(new OutputTree(), d.sorted());
    }
    OutputTree tree = run(r.value().get().appliances().get(0), "test.appliance", d);
    return new Outcome(tree, d.sorted());
  }

  /** Writes the files under {@code mkosi/} into a folder, with their modes. */
  static Path writeMkosi(OutputTree tree, Path dir) throws IOException {
    for (OutputFile f : tree.under(MkosiBackend.DIR)) {
      Path p = dir.resolve(f.path().substring(MkosiBackend.DIR.length() + 1));
      Files.createDirectories(p.getParent());
      Files.write(p, f.content());
      Files.setPosixFilePermissions(
          p,
          PosixFilePermissions.fromString(
              f.mode() == OutputTree.MODE_EXECUTABLE ? "rwxr-xr-x" : "rw-r--r--"));
    }
    return dir;
  }
}
