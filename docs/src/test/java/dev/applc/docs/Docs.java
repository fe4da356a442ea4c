package dev.applc.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Where the documentation lives, found from the working directory so any runner agrees. */
final class Docs {
  private Docs() {}

  /** The repository root: the nearest directory above us whose pom.xml lists the docs module. */
  static Path repoRoot() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path pom = dir.resolve("pom.xml");
      if (Files.isRegularFile(pom) && read(pom).contains("<module>docs</module>")) {
        return dir;
      }
    }
    throw new IllegalStateException("no pom.xml listing <module>docs</module> above " + start);
  }

  /**
   * The pages whose examples are compiled, as paths relative to the root in a stable order:
   * README.md (when present), docs/*.md, then docs/diagnostics/*.md.
   */
  static List<String> pages(Path root) {
    List<String> pages = new ArrayList<>();
    if (Files.isRegularFile(root.resolve("README.md"))) {
      pages.add("README.md");
    }
    pages.addAll(markdownIn(root, "docs"));
    pages.addAll(markdownIn(root, "docs/diagnostics"));
    return pages;
  }

  private static List<String> markdownIn(Path root, String folder) {
    Path dir = root.resolve(folder);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".md"))
          .sorted()
          .map(name -> folder + "/" + name)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
