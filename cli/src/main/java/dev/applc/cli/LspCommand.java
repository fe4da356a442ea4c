package dev.applc.cli;

import dev.applc.lsp.ApplcLanguageServer;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code applc lsp}: the language server, for editors, over standard input and output. */
@Command(
    name = "lsp",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Run the language server for editors: LSP messages on standard input and output.")
final class LspCommand implements Callable<Integer> {
  @Option(
      names = "--stdio",
      description =
          "Talk LSP over standard input and output. This is the only transport and the default;"
              + " the option is accepted because editor clients pass it.")
  boolean stdio;

  @Override
  public Integer call() throws Exception {
    // Standard output carries LSP messages and nothing else: anything printed by mistake goes to
    // standard error, where editors log it.
    OutputStream messages = new FileOutputStream(FileDescriptor.out);
    System.setOut(System.err);
    return ApplcLanguageServer.serve(System.in, messages);
  }
}
