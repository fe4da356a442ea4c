package dev.applc.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/** The applc language server. {@link #serve} runs it over a pair of streams (stdio). */
public final class ApplcLanguageServer implements LanguageServer, LanguageClientAware {
  /**
   * How long the server waits after an edit before it checks the buffer: not at all. A newer edit
   * stops the check of an older text instead (see {@link Workspace}), so fast typing costs no more
   * than one check after the last keystroke.
   */
  public static final Duration DEBOUNCE = Duration.ZERO;

  /** Characters after which editors ask for completion without being told to. */
  static final List<String> TRIGGER_CHARACTERS = List.of(":", "/", "=", "(", "[", ",");

  private final Workspace workspace;
  private final ApplcTextDocumentService documents;
  private final ApplcWorkspaceService workspaceService;
  private final CompletableFuture<Integer> exited = new CompletableFuture<>();
  private volatile boolean shutdownRequested;

  public ApplcLanguageServer() {
    this(DEBOUNCE);
  }

  public ApplcLanguageServer(Duration debounce) {
    this.workspace = new Workspace(debounce);
    this.documents = new ApplcTextDocumentService(workspace);
    this.workspaceService = new ApplcWorkspaceService(workspace);
  }

  /**
   * Serves LSP messages from {@code in} to {@code out} until the client sends {@code exit} or
   * closes the stream; returns the exit code the protocol asks for (0 after {@code shutdown}).
   */
  public static int serve(InputStream in, OutputStream out)
      throws InterruptedException, ExecutionException {
    ApplcLanguageServer server = new ApplcLanguageServer();
    Launcher<LanguageClient> launcher =
        LSPLauncher.createServerLauncher(server, new WellFramedInput(in, System.err), out);
    server.connect(launcher.getRemoteProxy());
    Future<Void> listening = launcher.startListening();
    CompletableFuture<Object> streamClosed =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                listening.get();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                // The stream broke: the client is gone, as when it closes the stream.
              }
              return server.shutdownRequested ? 0 : 1;
            });
    Object code = CompletableFuture.anyOf(server.exited, streamClosed).get();
    server.workspace.shutdown();
    return (Integer) code;
  }

  @Override
  public void connect(LanguageClient client) {
    workspace.connect(client);
  }

  @Override
  public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
    workspace.analyzer.workspaceRoots(workspaceRoots(params));
    ServerCapabilities capabilities = new ServerCapabilities();
    capabilities.setTextDocumentSync(TextDocumentSyncKind.Full);
    capabilities.setCompletionProvider(new CompletionOptions(false, TRIGGER_CHARACTERS));
    capabilities.setHoverProvider(true);
    capabilities.setDefinitionProvider(true);
    capabilities.setReferencesProvider(true);
    capabilities.setDocumentSymbolProvider(true);
    capabilities.setRenameProvider(new RenameOptions(true));
    capabilities.setDocumentFormattingProvider(true);
    capabilities.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix)));
    return CompletableFuture.completedFuture(
        new InitializeResult(capabilities, new ServerInfo("applc")));
  }

  /** The client's workspace folders, or its older root URI: the specs' project folders. */
  private static List<java.nio.file.Path> workspaceRoots(InitializeParams params) {
    List<String> uris = new java.util.ArrayList<>();
    if (params.getWorkspaceFolders() != null) {
      params.getWorkspaceFolders().forEach(f -> uris.add(f.getUri()));
    }
    if (params.getRootUri() != null) {
      uris.add(params.getRootUri());
    }
    List<java.nio.file.Path> roots = new java.util.ArrayList<>();
    for (String uri : uris) {
      try {
        java.net.URI parsed = java.net.URI.create(uri);
        if ("file".equals(parsed.getScheme())) {
          roots.add(java.nio.file.Path.of(parsed));
        }
      } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
        // Not a folder of this machine: its specs use their own folders.
      }
    }
    return roots;
  }

  @Override
  public CompletableFuture<Object> shutdown() {
    shutdownRequested = true;
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void exit() {
    exited.complete(shutdownRequested ? 0 : 1);
  }

  @Override
  public TextDocumentService getTextDocumentService() {
    return documents;
  }

  @Override
  public WorkspaceService getWorkspaceService() {
    return workspaceService;
  }

  /** The server's state, for tests in this package. */
  Workspace workspace() {
    return workspace;
  }

  /** Stops the worker; for servers run in-process (tests, the benchmark). */
  public void close() {
    workspace.shutdown();
  }
}
