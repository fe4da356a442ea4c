package dev.applc.lsp;

import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.driver.Cancellation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The server's state: open buffers, their analyses, and the one worker thread that runs every
 * compile. An edit starts the check of the buffer at once (or after a debounce, when one is set),
 * and makes any older check of it stale: a stale check stops at its next step and publishes
 * nothing. Diagnostics are published for the edited buffer and for the local files it imports that
 * are not open themselves.
 */
final class Workspace {
  final StandardLibrary standardLibrary = new StandardLibrary();
  final Documents documents = new Documents(standardLibrary);
  final Analyzer analyzer = new Analyzer(documents);

  private final Duration debounce;
  private final ScheduledExecutorService worker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "applc-lsp-worker");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> publishedFor = new ConcurrentHashMap<>();
  private final Map<String, Long> generations = new ConcurrentHashMap<>();
  private final Object publishing = new Object();
  private volatile LanguageClient client;

  /** How many checks a newer edit stopped in the middle of compiling. */
  final AtomicInteger stoppedChecks = new AtomicInteger();

  /**
   * Runs where a check may stop: {@code "compile"} between the compile's steps, {@code "publish"}
   * before its diagnostics are published. Tests hold a check there while they edit.
   */
  volatile Consumer<String> atCheckpoint = stage -> {};

  Workspace(Duration debounce) {
    this.debounce = debounce;
  }

  void connect(LanguageClient client) {
    this.client = client;
  }

  /** Runs work on the worker thread, after every edit and compile queued before it. */
  <T> CompletableFuture<T> submit(Callable<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    worker.execute(
        () -> {
          try {
            result.complete(work.call());
          } catch (Exception | StackOverflowError e) {
            if (!(e instanceof org.eclipse.lsp4j.jsonrpc.ResponseErrorException)) {
              log(e);
            }
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  /** The analysis of an open buffer's current text. Worker thread only. */
  Optional<Analysis> analysis(String uri) {
    return documents.get(uri).map(analyzer::analyse);
  }

  /** The analyses of every open buffer. Worker thread only. */
  List<Analysis> openAnalyses() {
    return documents.all().stream().map(analyzer::analyse).toList();
  }

  /**
   * Changes the buffers ({@code edit} opens or updates one) and checks what the change affects.
   * Holds the lock of publishing, so that diagnostics are never published for a text the server no
   * longer has.
   */
  void edit(Supplier<Optional<Document>> edit) {
    synchronized (publishing) {
      edit.get().ifPresent(this::changed);
    }
  }

  /** A buffer was opened or edited: check it, and the open buffers that import it. */
  private void changed(Document document) {
    schedule(document.uri());
    for (String importer : analyzer.importers(document.name())) {
      schedule(importer);
    }
  }

  void closed(String uri) {
    Optional<Document> closed;
    synchronized (publishing) {
      closed = documents.close(uri);
      generations.merge(uri, 1L, Long::sum);
    }
    ScheduledFuture<?> waiting = pending.remove(uri);
    if (waiting != null) {
      waiting.cancel(false);
    }
    worker.execute(
        () -> {
          analyzer.forget(uri);
          Set<String> cleared = new HashSet<>(publishedFor.getOrDefault(uri, Set.of()));
          publishedFor.remove(uri);
          cleared.add(uri);
          cleared.forEach(u -> publish(u, List.of(), null));
          closed.ifPresent(d -> analyzer.importers(d.name()).forEach(this::schedule));
        });
  }

  /** Files changed on disk: what imports them may have changed. */
  void filesChanged() {
    worker.execute(
        () -> {
          analyzer.forgetAll();
          documents.all().forEach(d -> schedule(d.uri()));
        });
  }

  /**
   * Checks a buffer on the worker thread: at once, or after the debounce when there is one. Every
   * call starts a new generation of the buffer's check, which makes the older ones stale: one still
   * queued does not start, and one running stops at its next step.
   */
  private void schedule(String uri) {
    long generation = generations.merge(uri, 1L, Long::sum);
    if (debounce.isZero()) {
      worker.execute(() -> check(uri, generation));
      return;
    }
    pending.compute(
        uri,
        (k, earlier) -> {
          if (earlier != null) {
            earlier.cancel(false);
          }
          return worker.schedule(
              () -> check(uri, generation), debounce.toMillis(), TimeUnit.MILLISECONDS);
        });
  }

  /** Whether a check of this generation of a buffer's text is still the one wanted. */
  private boolean current(String uri, long generation, Document document) {
    return generations.getOrDefault(uri, 0L) == generation
        && documents.get(uri).orElse(null) == document;
  }

  private void check(String uri, long generation) {
    Optional<Document> document = documents.get(uri);
    if (document.isEmpty() || !current(uri, generation, document.get())) {
      return;
    }
    Cancellation stale =
        () -> {
          atCheckpoint.accept("compile");
          if (!current(uri, generation, document.get())) {
            throw new CancellationException("a newer edit of " + uri);
          }
        };
    Analysis analysis;
    try {
      analysis = analyzer.analyse(document.get(), stale);
    } catch (CancellationException e) {
      stoppedChecks.incrementAndGet();
      return;
    } catch (RuntimeException | StackOverflowError e) {
      log(e);
      return;
    }
    String name = document.get().name();
    Map<String, List<org.eclipse.lsp4j.Diagnostic>> byUri = new LinkedHashMap<>();
    byUri.put(uri, new ArrayList<>());
    for (Diagnostic d : analysis.result().diagnostics()) {
      String file = d.span().file().name();
      if (file.equals(name)) {
        byUri.get(uri).add(LspDiagnostics.toLsp(d, documents));
      } else if (Documents.editable(file) && documents.byName(file).isEmpty()) {
        byUri
            .computeIfAbsent(documents.uri(file), k -> new ArrayList<>())
            .add(LspDiagnostics.toLsp(d, documents));
      }
    }
    atCheckpoint.accept("publish");
    // Edits take the same lock (see edit): what is published is for the text the server has.
    synchronized (publishing) {
      if (!current(uri, generation, document.get())) {
        return;
      }
      Set<String> others = new HashSet<>(byUri.keySet());
      others.remove(uri);
      for (String before : publishedFor.getOrDefault(uri, Set.of())) {
        if (!others.contains(before) && documents.get(before).isEmpty()) {
          publish(before, List.of(), null);
        }
      }
      publishedFor.put(uri, others);
      for (Map.Entry<String, List<org.eclipse.lsp4j.Diagnostic>> e : byUri.entrySet()) {
        publish(
            e.getKey(),
            e.getValue(),
            e.getKey().equals(uri) ? Integer.valueOf(document.get().version()) : null);
      }
    }
  }

  private void publish(
      String uri, List<org.eclipse.lsp4j.Diagnostic> diagnostics, Integer version) {
    LanguageClient c = client;
    if (c != null) {
      PublishDiagnosticsParams params = new PublishDiagnosticsParams(uri, diagnostics);
      params.setVersion(version);
      c.publishDiagnostics(params);
    }
  }

  /** A failure of the server itself, shown in the editor's log rather than on standard output. */
  void log(Throwable e) {
    LanguageClient c = client;
    if (c == null) {
      return;
    }
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    c.logMessage(
        new MessageParams(
            MessageType.Error, "applc lsp: internal error (a bug in applc): " + trace));
  }

  void shutdown() {
    worker.shutdownNow();
    standardLibrary.close();
  }
}
