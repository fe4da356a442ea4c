package dev.applc.lsp;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.sema.Program;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.syntax.Ast;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the compiler made of one open buffer: its syntax tree, the compile result with its
 * diagnostics and models, and the index of names defined and referenced in it and its imports.
 *
 * @param symbolIndex the index, built the first time navigation asks for it: diagnostics, which are
 *     published after every edit, do not need it
 * @param buffers the other files the compile read, by name, with the text of the open buffer each
 *     was read from (empty when read from disk)
 */
record Analysis(
    Document document,
    SourceFile source,
    Ast.SpecFile syntax,
    Result<Compilation> result,
    Supplier<SymbolIndex> symbolIndex,
    Map<String, Optional<String>> buffers) {

  SymbolIndex symbols() {
    return symbolIndex.get();
  }

  Optional<Program> program() {
    return result.value().map(Compilation::program);
  }

  /** The names of every file of the compile: the buffer and what it imports. */
  List<String> files() {
    return program()
        .map(p -> p.files().stream().map(f -> f.source().name()).toList())
        .orElse(List.of(source.name()));
  }

  boolean hasSyntaxErrors() {
    return result.diagnostics().stream()
        .anyMatch(d -> d.code() == Code.SYNTAX && d.span().file().name().equals(source.name()));
  }
}
