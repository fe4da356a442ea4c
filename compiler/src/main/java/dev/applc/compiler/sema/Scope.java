package dev.applc.compiler.sema;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The top-level declarations of all loaded files, by kind and name; names are unique per kind. */
final class Scope {
  private final Diagnostics diagnostics;
  private final Map<String, Map<String, Node>> byKind = new LinkedHashMap<>();

  Scope(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  void declare(Node node) {
    if (node.name().isEmpty()) {
      return; // A missing name has been reported already.
    }
    Map<String, Node> names = byKind.computeIfAbsent(node.kind(), k -> new LinkedHashMap<>());
    Node earlier = names.putIfAbsent(node.name(), node);
    if (earlier != null) {
      diagnostics.add(
          Diagnostic.error(
                  Code.DUPLICATE_NAME,
                  node.header(),
                  "`" + node.kind() + " " + node.name() + "` is defined twice")
              .label("defined again here")
              .related(earlier.header(), "first defined here")
              .help("rename one of them; imported files share one namespace per kind"));
    }
  }

  Optional<Node> lookup(String kind, String name) {
    return Optional.ofNullable(byKind.getOrDefault(kind, Map.of()).get(name));
  }

  Map<String, Node> all(String kind) {
    return byKind.getOrDefault(kind, Map.of());
  }

  Map<String, Map<String, Node>> all() {
    return byKind;
  }
}
