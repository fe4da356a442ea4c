/**
 * The applc language server: diagnostics as you type, completion, hover, navigation, rename,
 * outline, formatting and quick fixes for {@code .appliance} files, over LSP4J.
 *
 * <p>Every feature reads the same {@link dev.applc.compiler.driver.Compiler} that {@code applc
 * check} runs, fed by the editor's open buffers before the file system. All compiler work runs on
 * one worker thread, so that no two compiles race and answers follow the order of edits.
 */
package dev.applc.lsp;
