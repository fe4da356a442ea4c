package dev.applc.lsp;

import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.services.WorkspaceService;

/** Workspace notifications: files changed on disk make imports worth reading again. */
final class ApplcWorkspaceService implements WorkspaceService {
  private final Workspace workspace;

  ApplcWorkspaceService(Workspace workspace) {
    this.workspace = workspace;
  }

  @Override
  public void didChangeConfiguration(DidChangeConfigurationParams params) {
    // The server has no settings.
  }

  @Override
  public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
    workspace.filesChanged();
  }
}
