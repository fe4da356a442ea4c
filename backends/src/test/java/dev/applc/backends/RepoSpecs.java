package dev.applc.backends;

import static org.junit.jupiter.api.Assertions.fail;

import dev.applc.compiler.diag.Diagnostic;
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

/** The repository's specs, compiled for backend tests; shared by every backend's fixtures. */
public final class RepoSpecs {
  private RepoSpecs() {}

  /** The repository root: the directory whose pom.xml lists the backends module. */
  public static Path repoRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path pom = p.resolve("pom.xml");
      try {
        if (Files.isRegularFile(pom)
            && Files.readString(pom).contains("<module>backends</module>")) {
          return p;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }

  /**
   * Whether a warning is approved: listed, as {@code CODE file:line:col message}, in the
   * NAME.warnings beside the spec of the repository it is about.
   */
  static boolean approved(Diagnostic d) {
    Path spec = repoRoot().resolve(d.span().file().name());
    String name = spec.getFileName().toString().replaceFirst("\\.appliance$", "");
    Path approved = spec.resolveSibling(name + ".warnings");
    try {
      return Files.isRegularFile(approved)
          && Files.readAllLines(approved)
              .contains(d.code().id() + " " + d.span().location() + " " + d.message());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code specs/NAME/NAME.appliance}, relative to the repository root. */
  public static String specFile(String name) {
    return "specs/" + name + "/" + name + ".appliance";
  }

  public static Result<Compilation> compile(String name) {
    return new Compiler(SourceProvider.fileSystem(repoRoot())).compile(specFile(name));
  }

  /** Compiles spec text; imports resolve against the repository. */
  public static Result<Compilation> compileText(String text) {
    return new Compiler(SourceProvider.fileSystem(repoRoot()))
        .compile(new SourceFile("test.appliance", text));
  }

  /**
   * The appliance of a spec under specs/, failing on any diagnostic but the warnings approved in
   * its NAME.warnings (such as a seed's inputs that are not in the repository).
   */
  public static Appliance appliance(String name) {
    return applianceOf(compile(name), false);
  }

  /**
   * The appliance of a compile, failing on errors, and on warnings unless allowed or approved for a
   * spec of the repository.
   */
  public static Appliance applianceOf(Result<Compilation> r, boolean warningsAllowed) {
    boolean bad =
        warningsAllowed
            ? r.hasErrors()
            : r.diagnostics().stream().anyMatch(d -> d.isError() || !approved(d));
    if (bad || r.value().isEmpty()) {
      fail(new TextRenderer(false).render(r.diagnostics()));
    }
    return r.value().get().appliances().get(0);
  }
}
