package dev.applc.specs;

import dev.applc.compiler.diag.Diagnostic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The example and seed specs: each folder under specs/ with a {@code FOLDER.appliance}. */
final class SpecFolders {
  private SpecFolders() {}

  /** The repository root: the directory whose pom.xml lists the specs module. */
  static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      Path pom = p.resolve("pom.xml");
      try {
        if (Files.isRegularFile(pom) && Files.readString(pom).contains("<module>specs</module>")) {
          return p;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no repository root above " + dir);
  }

  /** Spec folders, sorted, as paths relative to the repository root ({@code specs/minimal}). */
  static List<String> all() {
    Path specs = repoRoot().resolve("specs");
    try (Stream<Path> dirs = Files.list(specs)) {
      return dirs.filter(Files::isDirectory)
          .filter(d -> Files.isRegularFile(d.resolve(d.getFileName() + ".appliance")))
          .map(d -> "specs/" + d.getFileName())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The diagnostics of a spec folder's compile that its NAME.warnings does not approve (as {@code
   * CODE file:line:col message} lines, which GoldenOutputTest keeps up to date): errors, and
   * warnings no one looked at.
   */
  static List<Diagnostic> unapproved(String folder, List<Diagnostic> diagnostics) {
    Path approved = repoRoot().resolve(specFile(folder).replaceFirst("\\.appliance$", ".warnings"));
    try {
      List<String> lines = Files.isRegularFile(approved) ? Files.readAllLines(approved) : List.of();
      return diagnostics.stream()
          .filter(
              d ->
                  d.isError()
                      || !lines.contains(
                          d.code().id() + " " + d.span().location() + " " + d.message()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The spec file of a folder, relative to the repository root. */
  static String specFile(String folder) {
    return folder + "/" + folder.substring(folder.lastIndexOf('/') + 1) + ".appliance";
  }
}
