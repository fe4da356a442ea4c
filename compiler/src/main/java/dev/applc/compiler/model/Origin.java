package dev.applc.compiler.model;

import dev.applc.compiler.source.SourceSpan;
import java.util.Map;

/**
 * Where a model element came from: the block that declared it and the value of each property that
 * was written (defaults have no entry). {@code span} covers the whole block, {@code header} its
 * kind and name, where messages about the element as a whole point. Backends and rules use it to
 * report a problem at the user's own text.
 */
public record Origin(SourceSpan span, SourceSpan header, Map<String, SourceSpan> properties) {
  public Origin {
    properties = Map.copyOf(properties);
  }

  /**
   * The span of a property's value, or the block's header when it was not written. {@code NAME.0}
   * is the first argument of a call such as {@code verity = signed(key)}.
   */
  public SourceSpan at(String property) {
    return properties.getOrDefault(property, header);
  }

  public boolean has(String property) {
    return properties.containsKey(property);
  }
}
