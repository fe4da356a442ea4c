package dev.applc.compiler.sema;

import dev.applc.compiler.syntax.Ast;
import java.util.List;
import java.util.Map;

/**
 * All files of one compile (the root file and what it imports), their checked top-level
 * declarations, and the declarations by kind and name.
 *
 * @param declarations kind → name → declaration, after {@code extends} has been merged
 */
public record Program(
    List<Ast.SpecFile> files,
    List<Node> rootDeclarations,
    Map<String, Map<String, Node>> declarations) {

  public Program {
    files = List.copyOf(files);
    rootDeclarations = List.copyOf(rootDeclarations);
  }

  public java.util.Optional<Node> lookup(String kind, String name) {
    return java.util.Optional.ofNullable(declarations.getOrDefault(kind, Map.of()).get(name));
  }
}
