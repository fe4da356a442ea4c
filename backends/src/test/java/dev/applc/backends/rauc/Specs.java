package dev.applc.backends.rauc;

import static org.junit.jupiter.api.Assertions.fail;

import dev.applc.backends.repart.RepartBackend;
import dev.applc.backends.uboot.UbootBackend;
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
import java.nio.file.Path;
import java.util.List;

/**
 * Compiles the repository's specs (or spec text) and generates their files with the backends these
 * tests are about: RAUC and u-boot, and repart, whose partitions they must agree with. (Other
 * backends' diagnostics are theirs to test.)
 */
public final class Specs {
  private Specs() {}

  private static final List<Backend> BACKENDS =
      List.of(new RepartBackend(), new RaucBackend(), new UbootBackend());

  static OutputTree run(Appliance a, String specName, Diagnostics d) {
    OutputTree out = new OutputTree();
    BackendContext ctx = new BackendContext(a, Target.of(a.os()), specName, out, d);
    for (Backend b : BACKENDS) {
      b.generate(ctx);
    }
    return out;
  }

  /** Specs that update with RAUC or boot with u-boot; the others must produce neither. */
  public static final List<String> RAUC =
      List.of("rpi400-rauc", "loisto-console", "minimal-signed");

  public static final List<String> UBOOT = List.of("rpi400-rauc");

  public static final List<String> NEITHER =
      List.of("minimal", "initos", "rpi4-sysupdate", "tdx-debian");

  /** The repository root: the directory whose pom.xml lists the backends module. */
  public static Path repoRoot() {
    return dev.applc.backends.RepoSpecs.repoRoot();
  }

  public static String specFile(String name) {
    return dev.applc.backends.RepoSpecs.specFile(name);
  }

  /** The appliance of a spec under specs/, failing on any diagnostic. */
  public static Appliance appliance(String name) {
    return dev.applc.backends.RepoSpecs.appliance(name);
  }

  /** Every backend's files for a spec under specs/, failing on any diagnostic. */
  public static OutputTree generate(String name) {
    Diagnostics d = new Diagnostics();
    OutputTree tree = run(appliance(name), specFile(name), d);
    if (!d.sorted().isEmpty()) {
      fail(new TextRenderer(false).render(d.sorted()));
    }
    return tree;
  }

  /** What compiling and generating spec text gives: the tree (if it compiled) and diagnostics. */
  public record Outcome(OutputTree tree, List<Diagnostic> diagnostics) {
    public boolean rejected() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public String text(String path) {
      return tree.get(path).orElseThrow(() -> new AssertionError("no " + path)).text();
    }

    public String rendered() {
      return new TextRenderer(false).render(diagnostics);
    }
  }

  /** Compiles spec text (imports resolve against the repository) and runs every backend. */
  public static Outcome generateText(String text) {
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
}
