package dev.applc.lsp;

import dev.applc.compiler.driver.Cancellation;
import dev.applc.compiler.source.ProjectFiles;
import dev.applc.compiler.source.SourceProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Spec files as the editor sees them: an open buffer first, then the file on disk (inside the
 * project folder, as {@code applc check} reads it), then the standard library. Remembers what it
 * read, so that an analysis knows when an edit in another buffer, or a buffer opened or closed,
 * makes it stale.
 */
final class BufferProvider implements SourceProvider {
  private final Documents documents;
  private final ProjectFiles files;
  private final Map<String, Optional<String>> served = new HashMap<>();
  private final Cancellation cancellation;

  /**
   * Buffers, then files of the {@code project} folder (names are absolute paths); asks {@code
   * cancellation} before each file, so that a stale check stops while it loads imports.
   */
  BufferProvider(Documents documents, Path project, Cancellation cancellation) {
    this.documents = documents;
    this.files = SourceProvider.project(Path.of(""), project);
    this.cancellation = cancellation;
  }

  @Override
  public Optional<String> read(String name) throws IOException {
    cancellation.check();
    Optional<String> open = documents.byName(name).map(Document::text);
    served.put(name, open);
    return open.isPresent() ? open : files.read(name);
  }

  @Override
  public Optional<ProjectFiles> files() {
    return Optional.of(files);
  }

  /**
   * Every file read so far, by name, with the text of its open buffer, or empty when it was read
   * from disk (a buffer opened for it later makes what was read stale).
   */
  Map<String, Optional<String>> served() {
    return Map.copyOf(served);
  }
}
