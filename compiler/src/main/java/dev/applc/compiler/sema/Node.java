package dev.applc.compiler.sema;

import dev.applc.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A block after checking against the schema: typed properties and checked children, still in the
 * generic shape of the syntax so that {@code extends} can merge blocks before the model is built.
 *
 * @param written every property the source sets, including those whose value was wrong (so a wrong
 *     value is not also reported as missing)
 * @param header the span of the block's kind and labels, where "missing setting" errors point
 */
public record Node(
    BlockSchema schema,
    List<Val> labels,
    Map<String, Prop> properties,
    List<Node> children,
    Optional<Val.Sym> parent,
    java.util.Set<String> written,
    SourceSpan header,
    SourceSpan span) {

  public Node {
    labels = List.copyOf(labels);
    written = java.util.Set.copyOf(written);
    properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    children = List.copyOf(children);
  }

  /** A property with the span of its key, for messages about the setting as a whole. */
  public record Prop(String name, Val value, SourceSpan keySpan, SourceSpan span) {}

  public String kind() {
    return schema.kind();
  }

  /** The first label as text (the name of a partition, key, profile...), or empty. */
  public String name() {
    if (labels.isEmpty()) {
      return "";
    }
    Val first = labels.get(0);
    if (first instanceof Val.Sym s) {
      return s.name();
    }
    return first instanceof Val.Str s ? s.value() : "";
  }

  /** How merging matches blocks: by kind, and by name for blocks that repeat. */
  public String identity() {
    return schema.repeatable() ? kind() + " " + name() : kind();
  }

  public Optional<Prop> property(String name) {
    return Optional.ofNullable(properties.get(name));
  }

  public Optional<Val> value(String name) {
    return property(name).map(Prop::value);
  }

  public List<Node> children(String kind) {
    List<Node> out = new ArrayList<>();
    for (Node child : children) {
      if (child.kind().equals(kind)) {
        out.add(child);
      }
    }
    return out;
  }

  public Optional<Node> child(String kind) {
    return children.stream().filter(c -> c.kind().equals(kind)).findFirst();
  }

  /** The span of a property's value, or of the block header when the property is absent. */
  public SourceSpan at(String property) {
    return property(property).map(p -> p.value().span()).orElse(header);
  }
}
