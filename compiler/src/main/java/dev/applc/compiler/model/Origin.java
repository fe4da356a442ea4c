package dev.applc.compiler.model;

import dev.applc.compiler.source.SourceSpan;
import java.util.Map;

/**
 * Where a model element came from: the block that declared it and the value of each property that
 * was written (defaults have no entry). Backends and rules use it to report a problem at the user's
 * own text.
 */
public record Origin(SourceSpan span, Map<String, SourceSpan> properties) {
  public Origin {
    properties = Map.copyOf(properties);
  }

  /** The span of a property's value, or of the declaring block when it was not written. */
  public SourceSpan at(String property) {
    return properties.getOrDefault(property, span);
  }

  public boolean has(String property) {
    return properties.containsKey(property);
  }
}
