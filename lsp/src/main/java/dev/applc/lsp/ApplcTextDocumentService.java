package dev.applc.lsp;

import dev.applc.compiler.source.SourceFile;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.services.TextDocumentService;

/** The text document requests, each answered on the worker thread from the buffer's analysis. */
final class ApplcTextDocumentService implements TextDocumentService {
  private final Workspace workspace;

  ApplcTextDocumentService(Workspace workspace) {
    this.workspace = workspace;
  }

  @Override
  public void didOpen(DidOpenTextDocumentParams params) {
    var doc = params.getTextDocument();
    workspace.edit(
        () -> Optional.of(workspace.documents.open(doc.getUri(), doc.getVersion(), doc.getText())));
  }

  @Override
  public void didChange(DidChangeTextDocumentParams params) {
    String uri = params.getTextDocument().getUri();
    Optional<Document> current = workspace.documents.get(uri);
    if (current.isEmpty()) {
      return;
    }
    String text = current.get().text();
    for (TextDocumentContentChangeEvent change : params.getContentChanges()) {
      text = apply(text, change);
    }
    String edited = text;
    int version = params.getTextDocument().getVersion();
    workspace.edit(() -> workspace.documents.update(uri, version, edited));
  }

  /** A whole new text (full sync), or a range replaced, for clients that send ranges anyway. */
  private static String apply(String text, TextDocumentContentChangeEvent change) {
    Range range = change.getRange();
    if (range == null) {
      return change.getText();
    }
    SourceFile file = new SourceFile("", text);
    int start = Positions.offset(file, range.getStart());
    int end = Math.max(start, Positions.offset(file, range.getEnd()));
    return text.substring(0, start) + change.getText() + text.substring(end);
  }

  @Override
  public void didClose(DidCloseTextDocumentParams params) {
    workspace.closed(params.getTextDocument().getUri());
  }

  @Override
  public void didSave(DidSaveTextDocumentParams params) {
    // Buffers are checked as they change; saving changes nothing the server reads.
  }

  /** Answers from the analysis of a buffer at a position, or {@code fallback} if it is not open. */
  private <T> CompletableFuture<T> at(
      String uri, Position position, T fallback, BiFunction<Analysis, Integer, T> answer) {
    return workspace.submit(
        () -> {
          Optional<Analysis> analysis = workspace.analysis(uri);
          if (analysis.isEmpty()) {
            return fallback;
          }
          int offset = Positions.offset(analysis.get().source(), position);
          return answer.apply(analysis.get(), offset);
        });
  }

  @Override
  public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(
      CompletionParams params) {
    String uri = params.getTextDocument().getUri();
    return at(
        uri,
        params.getPosition(),
        Either.forRight(new CompletionList(List.of())),
        (a, offset) ->
            Either.forRight(
                new CompletionList(
                    false, Completions.complete(a, workspace.analyzer.lastClean(uri), offset))));
  }

  @Override
  public CompletableFuture<Hover> hover(HoverParams params) {
    return at(
        params.getTextDocument().getUri(),
        params.getPosition(),
        null,
        (a, offset) -> Hovers.hover(a, offset).orElse(null));
  }

  @Override
  public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>>
      definition(DefinitionParams params) {
    return at(
        params.getTextDocument().getUri(),
        params.getPosition(),
        Either.forLeft(List.of()),
        (a, offset) -> Either.forLeft(Navigation.definition(a, offset, workspace.documents)));
  }

  @Override
  public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
    boolean declaration = params.getContext() == null || params.getContext().isIncludeDeclaration();
    return at(
        params.getTextDocument().getUri(),
        params.getPosition(),
        List.of(),
        (a, offset) ->
            Navigation.references(
                a, offset, declaration, workspace.openAnalyses(), workspace.documents));
  }

  @Override
  public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>>
      prepareRename(PrepareRenameParams params) {
    return at(
        params.getTextDocument().getUri(),
        params.getPosition(),
        null,
        (a, offset) ->
            Either3.forFirst(Navigation.prepareRename(a, offset, workspace.openAnalyses())));
  }

  @Override
  public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
    return at(
        params.getTextDocument().getUri(),
        params.getPosition(),
        null,
        (a, offset) ->
            Navigation.rename(
                a, offset, params.getNewName(), workspace.openAnalyses(), workspace.documents));
  }

  @Override
  public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(
      DocumentSymbolParams params) {
    return workspace.submit(
        () ->
            workspace
                .analysis(params.getTextDocument().getUri())
                .map(
                    a ->
                        Outline.symbols(a.syntax()).stream()
                            .map(Either::<SymbolInformation, DocumentSymbol>forRight)
                            .toList())
                .orElse(List.of()));
  }

  @Override
  public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
    return workspace.submit(
        () ->
            workspace
                .documents
                .get(params.getTextDocument().getUri())
                .map(Formatting::format)
                .orElse(List.of()));
  }

  @Override
  public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
    return workspace.submit(
        () ->
            workspace
                .analysis(params.getTextDocument().getUri())
                .map(a -> QuickFixes.actions(a, params.getRange(), workspace.documents))
                .orElse(List.of()));
  }
}
