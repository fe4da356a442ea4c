package dev.applc.lsp;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * A language server and a client in one JVM, connected by piped streams, so that every request and
 * answer goes through JSON-RPC as it does with an editor.
 */
final class LspSession implements AutoCloseable {
  static final long TIMEOUT_SECONDS = 20;

  final LanguageServer server;
  final RecordingClient client = new RecordingClient();
  private final ApplcLanguageServer impl;
  private final Map<String, Integer> versions = new HashMap<>();
  private final java.util.concurrent.Future<Void> serving;
  private final java.util.concurrent.Future<Void> listening;

  LspSession() throws Exception {
    this(ApplcLanguageServer.DEBOUNCE);
  }

  LspSession(Duration debounce) throws Exception {
    PipedInputStream serverIn = new PipedInputStream(1 << 16);
    PipedOutputStream clientOut = new PipedOutputStream(serverIn);
    PipedInputStream clientIn = new PipedInputStream(1 << 16);
    PipedOutputStream serverOut = new PipedOutputStream(clientIn);
    impl = new ApplcLanguageServer(debounce);
    Launcher<LanguageClient> serverLauncher =
        LSPLauncher.createServerLauncher(impl, serverIn, serverOut);
    impl.connect(serverLauncher.getRemoteProxy());
    serving = serverLauncher.startListening();
    Launcher<LanguageServer> clientLauncher =
        LSPLauncher.createClientLauncher(client, clientIn, clientOut);
    listening = clientLauncher.startListening();
    server = clientLauncher.getRemoteProxy();
    InitializeParams init = new InitializeParams();
    init.setCapabilities(new ClientCapabilities());
    server.initialize(init).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    server.initialized(new InitializedParams());
  }

  /** The server's state, for tests that look inside. */
  Workspace workspace() {
    return impl.workspace();
  }

  static String uri(Path file) {
    return file.toUri().toString();
  }

  /** Writes a file and opens it as a buffer with the same text. */
  String open(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return openUnsaved(file, text);
  }

  /** Opens a buffer whose text differs from the file (or there is no file). */
  String openUnsaved(Path file, String text) {
    String uri = uri(file);
    versions.put(uri, 1);
    server
        .getTextDocumentService()
        .didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "applc", 1, text)));
    return uri;
  }

  int change(String uri, String text) {
    int version = versions.merge(uri, 1, Integer::sum);
    server
        .getTextDocumentService()
        .didChange(
            new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version),
                List.of(new TextDocumentContentChangeEvent(text))));
    return version;
  }

  void close(String uri) {
    server
        .getTextDocumentService()
        .didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
  }

  int version(String uri) {
    return versions.getOrDefault(uri, 0);
  }

  /** Waits for the diagnostics of the buffer's current version. */
  List<org.eclipse.lsp4j.Diagnostic> diagnostics(String uri) throws InterruptedException {
    return client.await(uri, version(uri)).getDiagnostics();
  }

  @Override
  public void close() throws java.util.concurrent.ExecutionException, TimeoutException {
    try {
      server.shutdown().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      impl.close();
      listening.cancel(true);
      serving.cancel(true);
    }
  }

  /** A text with a {@code |} marking the cursor: the text without it, and the position. */
  record Cursor(String text, Position position) {
    static Cursor of(String marked) {
      int at = marked.indexOf('|');
      if (at < 0) {
        throw new IllegalArgumentException("no | in the text");
      }
      String text = marked.substring(0, at) + marked.substring(at + 1);
      String before = marked.substring(0, at);
      int line = (int) before.chars().filter(c -> c == '\n').count();
      int column = at - (before.lastIndexOf('\n') + 1);
      return new Cursor(text, new Position(line, column));
    }
  }

  /** Records what the server sends; tests wait on the diagnostics. */
  static final class RecordingClient implements LanguageClient {
    private final Map<String, List<PublishDiagnosticsParams>> published = new HashMap<>();
    final List<String> log = new ArrayList<>();

    @Override
    public synchronized void publishDiagnostics(PublishDiagnosticsParams params) {
      published.computeIfAbsent(params.getUri(), k -> new ArrayList<>()).add(params);
      notifyAll();
    }

    /** The first publication for a URI at a version (any version when {@code version} is 0). */
    synchronized PublishDiagnosticsParams await(String uri, int version)
        throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
      while (true) {
        for (PublishDiagnosticsParams p : published.getOrDefault(uri, List.of())) {
          if (version == 0 || (p.getVersion() != null && p.getVersion() == version)) {
            return p;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "no diagnostics for " + uri + " version " + version + "; got " + published);
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }

    /** The latest publication for a URI, waiting for one. */
    synchronized List<PublishDiagnosticsParams> all(String uri) {
      return List.copyOf(published.getOrDefault(uri, List.of()));
    }

    @Override
    public void telemetryEvent(Object object) {}

    @Override
    public void showMessage(MessageParams message) {
      synchronized (log) {
        log.add(message.getMessage());
      }
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(
        ShowMessageRequestParams request) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void logMessage(MessageParams message) {
      synchronized (log) {
        log.add(message.getMessage());
      }
    }
  }
}
