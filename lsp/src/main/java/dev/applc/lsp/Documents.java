package dev.applc.lsp;

import dev.applc.compiler.source.SourceProvider;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open buffers, and the mapping between LSP URIs and the compiler's file names. Names of local
 * files are absolute paths, so that imports resolve relative to the importing file as they do on
 * the command line; standard-library files keep their {@code std:} names.
 */
final class Documents {
  private final Map<String, Document> open = new ConcurrentHashMap<>();
  private final StandardLibrary std;

  Documents(StandardLibrary std) {
    this.std = std;
  }

  Document open(String uri, int version, String text) {
    Document d = new Document(uri, name(uri), version, text);
    open.put(uri, d);
    return d;
  }

  Optional<Document> update(String uri, int version, String text) {
    return Optional.ofNullable(
        open.computeIfPresent(uri, (k, d) -> new Document(uri, d.name(), version, text)));
  }

  Optional<Document> close(String uri) {
    return Optional.ofNullable(open.remove(uri));
  }

  Optional<Document> get(String uri) {
    return Optional.ofNullable(open.get(uri));
  }

  Collection<Document> all() {
    return List.copyOf(open.values());
  }

  Optional<Document> byName(String name) {
    return open.values().stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /** The compiler's name for a URI. */
  String name(String uri) {
    Optional<Path> path = path(uri);
    if (path.isEmpty()) {
      return uri;
    }
    return std.nameOf(path.get()).orElse(path.get().toString());
  }

  /** The URI of a compiler name: the open buffer's own spelling, a file, or a std file copy. */
  String uri(String name) {
    Optional<Document> d = byName(name);
    if (d.isPresent()) {
      return d.get().uri();
    }
    if (name.startsWith(SourceProvider.STD_SCHEME)) {
      try {
        return std.file(name).toUri().toString();
      } catch (IOException e) {
        return name;
      }
    }
    if (name.startsWith("/")) {
      return Path.of(name).toUri().toString();
    }
    return name;
  }

  /** Whether a name is a file the user can edit (not a standard-library file). */
  static boolean editable(String name) {
    return !name.startsWith(SourceProvider.STD_SCHEME);
  }

  private static Optional<Path> path(String uri) {
    try {
      URI parsed = URI.create(uri);
      if ("file".equals(parsed.getScheme())) {
        return Optional.of(Path.of(parsed).toAbsolutePath().normalize());
      }
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      // Not a file URI the JDK understands: the buffer is named by its URI.
    }
    return Optional.empty();
  }
}
