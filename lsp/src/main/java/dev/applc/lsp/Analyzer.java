package dev.applc.lsp;

import dev.applc.backends.TargetChecks;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.driver.Cancellation;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Compiler;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.syntax.Ast;
import dev.applc.compiler.syntax.SpecParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles open buffers as {@code applc check} does (compiler and backends) and keeps the latest
 * analysis of each, reused while neither the buffer nor any open buffer it imports has changed.
 * Runs on the worker thread only.
 */
final class Analyzer {
  private final Documents documents;
  private final Map<String, Analysis> latest = new ConcurrentHashMap<>();
  private final Map<String, Analysis> lastWithoutSyntaxErrors = new ConcurrentHashMap<>();

  /** The workspace folders the client opened, once it said so; the projects of their specs. */
  private volatile List<Path> workspaceRoots = List.of();

  Analyzer(Documents documents) {
    this.documents = documents;
  }

  /** Sets the project folders: a spec inside a workspace folder may read all of it. */
  void workspaceRoots(List<Path> roots) {
    workspaceRoots = roots.stream().map(r -> r.toAbsolutePath().normalize()).toList();
    forgetAll();
  }

  /**
   * The folder a buffer may read files from: the workspace when the buffer lies inside it, the
   * buffer's own folder otherwise, as {@code applc check} does without {@code --project}.
   */
  Path project(Document document) {
    Path file;
    try {
      file = Path.of(document.name()).toAbsolutePath().normalize();
    } catch (java.nio.file.InvalidPathException e) {
      return Path.of("").toAbsolutePath();
    }
    Optional<Path> root = workspaceRoots.stream().filter(file::startsWith).findFirst();
    if (root.isPresent()) {
      return root.get();
    }
    return file.getParent() == null ? file : file.getParent();
  }

  Analysis analyse(Document document) {
    return analyse(document, Cancellation.NEVER);
  }

  /**
   * The analysis of a buffer, compiled unless the latest one is still fresh. {@code cancellation}
   * is asked between the compile's steps; a compile it stops (with {@link
   * java.util.concurrent.CancellationException}) leaves nothing behind.
   */
  Analysis analyse(Document document, Cancellation cancellation) {
    Analysis cached = latest.get(document.uri());
    if (cached != null && fresh(cached, document)) {
      return cached;
    }
    Analysis analysis = compile(document, cancellation);
    latest.put(document.uri(), analysis);
    if (!analysis.hasSyntaxErrors()) {
      lastWithoutSyntaxErrors.put(document.uri(), analysis);
    }
    return analysis;
  }

  /**
   * The latest analysis of a buffer whose text parsed cleanly: while the user is in the middle of
   * typing, names declared after the cursor may be lost to the parser's recovery, and this still
   * has them.
   */
  Optional<Analysis> lastClean(String uri) {
    return Optional.ofNullable(lastWithoutSyntaxErrors.get(uri));
  }

  /** Open buffers whose latest analysis read the named file. */
  List<String> importers(String name) {
    return latest.values().stream()
        .filter(a -> !a.source().name().equals(name) && a.files().contains(name))
        .map(a -> a.document().uri())
        .toList();
  }

  void forget(String uri) {
    latest.remove(uri);
    lastWithoutSyntaxErrors.remove(uri);
  }

  /** Drops every analysis, as when files on disk have changed. */
  void forgetAll() {
    latest.clear();
  }

  private boolean fresh(Analysis a, Document current) {
    if (!a.document().text().equals(current.text())) {
      return false;
    }
    for (Map.Entry<String, Optional<String>> read : a.buffers().entrySet()) {
      if (!documents.byName(read.getKey()).map(Document::text).equals(read.getValue())) {
        return false;
      }
    }
    return true;
  }

  private Analysis compile(Document document, Cancellation cancellation) {
    SourceFile source = new SourceFile(document.name(), document.text());
    BufferProvider provider = new BufferProvider(documents, project(document), cancellation);
    // As `applc check`: the backends' diagnostics too, so a clean buffer also compiles.
    Result<Compilation> compiled = new Compiler(provider, cancellation).compile(source);
    Result<Compilation> result = TargetChecks.withBackends(compiled, source.name(), cancellation);
    Ast.SpecFile syntax =
        result
            .value()
            .flatMap(
                c ->
                    c.program().files().stream()
                        .filter(f -> f.source().name().equals(source.name()))
                        .findFirst())
            .orElseGet(() -> SpecParser.parse(source, new Diagnostics()));
    Lazy<SymbolIndex> symbols =
        new Lazy<>(
            () ->
                result.value().map(c -> SymbolIndex.build(c.program())).orElse(SymbolIndex.EMPTY));
    Map<String, Optional<String>> buffers = new java.util.HashMap<>(provider.served());
    buffers.remove(document.name());
    return new Analysis(document, syntax.source(), syntax, result, symbols, Map.copyOf(buffers));
  }
}
