package dev.applc.cli.diff;

import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Compiler;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.model.Appliance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The appliances of a spec as it was at a git revision, the version devices in the field run, for
 * {@code applc check --against REV}. Read from the repository's object store, as {@code applc diff}
 * reads it.
 */
public final class Baseline {
  private Baseline() {}

  /**
   * The appliances {@code file} declared at {@code revision}; empty when it did not exist there or
   * did not compile then (nothing deployed to compare with).
   */
  public static List<Appliance> at(Path file, String revision)
      throws IOException, GitSourceProvider.RevisionException {
    Path real = SpecPaths.real(file);
    Path folder = SpecPaths.existingFolder(real);
    if (GitSourceProvider.workTreeAround(folder).isEmpty()) {
      throw new GitSourceProvider.RevisionException(
          "`" + file.getFileName() + "` is not in a git repository");
    }
    try (GitSourceProvider git = GitSourceProvider.open(folder, revision)) {
      String name = SpecPaths.relative(git.workTree(), real);
      if (!git.exists(name)) {
        return List.of();
      }
      Result<Compilation> old = new Compiler(git).compile(name);
      if (old.hasErrors()) {
        return List.of();
      }
      return old.value().map(Compilation::appliances).orElse(List.of());
    }
  }

  /** The appliance of the same name in the baseline. */
  public static Optional<Appliance> named(List<Appliance> baseline, String name) {
    return baseline.stream().filter(a -> a.name().equals(name)).findFirst();
  }
}
