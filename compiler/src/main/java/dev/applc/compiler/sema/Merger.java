package dev.applc.compiler.sema;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.source.Limits;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves {@code extends}: a block takes every property and nested block of its parent, and its
 * own settings override the parent's. Nested blocks merge by kind and name, so {@code disk extends
 * ab-usr { partition usr { size = 2G } }} changes one size and keeps the rest of the layout.
 */
final class Merger {
  private final Scope scope;
  private final Diagnostics diagnostics;
  private final Map<String, Node> done = new LinkedHashMap<>();
  private final Set<String> inProgress = new HashSet<>();

  Merger(Scope scope, Diagnostics diagnostics) {
    this.scope = scope;
    this.diagnostics = diagnostics;
  }

  Map<String, Map<String, Node>> mergeAll() {
    Map<String, Map<String, Node>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Node>> kind : scope.all().entrySet()) {
      Map<String, Node> names = new LinkedHashMap<>();
      for (Node n : kind.getValue().values()) {
        names.put(n.name(), declaration(n));
      }
      out.put(kind.getKey(), names);
    }
    return out;
  }

  private Node declaration(Node n) {
    String key = n.kind() + " " + n.name();
    Node cached = done.get(key);
    if (cached != null) {
      return cached;
    }
    if (!inProgress.add(key)) {
      diagnostics.add(
          Diagnostic.error(
                  Code.BAD_EXTENDS,
                  n.parent().map(Val::span).orElse(n.header()),
                  "`" + n.kind() + " " + n.name() + "` extends itself")
              .label("part of an `extends` cycle")
              .help("break the cycle: a declaration cannot be its own ancestor"));
      return n;
    }
    if (inProgress.size() > Limits.MAX_DEPTH) {
      // Each link is a level of recursion here: a chain of thousands would overflow the stack.
      inProgress.remove(key);
      diagnostics.add(
          Diagnostic.error(
                  Code.NESTING_TOO_DEEP,
                  n.parent().map(Val::span).orElse(n.header()),
                  "`extends` chains more than " + Limits.MAX_DEPTH + " declarations")
              .label("not followed")
              .help("extend a common declaration directly instead of each from the one before"));
      return n;
    }
    Node merged = resolve(n);
    inProgress.remove(key);
    done.put(key, merged);
    return merged;
  }

  /** A node with its own and its children's {@code extends} resolved. */
  Node resolve(Node n) {
    List<Node> children = new ArrayList<>();
    for (Node c : n.children()) {
      children.add(resolve(c));
    }
    Node self =
        new Node(
            n.schema(),
            n.labels(),
            n.properties(),
            children,
            n.parent(),
            n.written(),
            n.header(),
            n.span());
    if (n.parent().isEmpty() || n.schema().extendsKind().isEmpty()) {
      return self;
    }
    Val.Sym parentName = n.parent().get();
    String kind = n.schema().extendsKind().get();
    Optional<Node> parent = scope.lookup(kind, parentName.name());
    if (parent.isEmpty()) {
      Diagnostic.Builder d =
          Diagnostic.error(
                  Code.UNDEFINED_REFERENCE,
                  parentName.span(),
                  "there is no `" + kind + "` named `" + parentName.name() + "`")
              .label("undefined " + kind);
      Optional<String> near = Suggest.closest(parentName.name(), scope.all(kind).keySet());
      d.help(
          near.map(s -> "did you mean `" + s + "`?")
              .orElse(
                  "define it with `"
                      + kind
                      + " "
                      + parentName.name()
                      + " { ... }` or import the"
                      + " file that does"));
      near.ifPresent(s -> d.fix("use `" + s + "`", parentName.span(), s));
      diagnostics.add(d);
      return self;
    }
    return merge(declaration(parent.get()), self);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new HashSet<>(a);
    out.addAll(b);
    return out;
  }

  /** The child's settings over the parent's. The result keeps the child's place and labels. */
  static Node merge(Node parent, Node child) {
    Map<String, Node.Prop> props = new LinkedHashMap<>(parent.properties());
    props.putAll(child.properties());
    List<Node> children = new ArrayList<>();
    Map<String, Node> own = new LinkedHashMap<>();
    for (Node c : child.children()) {
      own.put(c.identity(), c);
    }
    for (Node p : parent.children()) {
      Node c = own.remove(p.identity());
      children.add(c == null ? p : merge(p, c));
    }
    children.addAll(own.values());
    return new Node(
        child.schema(),
        child.labels(),
        props,
        children,
        Optional.empty(),
        union(parent.written(), child.written()),
        child.header(),
        child.span());
  }
}
