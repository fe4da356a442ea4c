package dev.applc.compiler.sema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a block of one kind may contain: its labels, properties and nested blocks.
 *
 * @param repeatable whether several blocks of this kind may appear side by side (each then needs a
 *     distinct first label)
 * @param extendsKind the kind of top-level declaration this block may {@code extends}, if any
 */
public record BlockSchema(
    String kind,
    String doc,
    List<LabelSchema> labels,
    Map<String, PropertySchema> properties,
    Map<String, BlockSchema> blocks,
    boolean repeatable,
    boolean required,
    Optional<String> extendsKind) {

  public BlockSchema {
    labels = List.copyOf(labels);
    properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    blocks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(blocks));
  }

  /** The same block kind with the properties and nested blocks of another (a layout is a disk). */
  public BlockSchema withBodyOf(BlockSchema other) {
    return new BlockSchema(
        kind, doc, labels, other.properties, other.blocks, repeatable, required, extendsKind);
  }

  public static Builder block(String kind, String doc) {
    return new Builder(kind, doc);
  }

  /** Declares a block kind in the order it is documented. */
  public static final class Builder {
    private final String kind;
    private final String doc;
    private final List<LabelSchema> labels = new ArrayList<>();
    private final Map<String, PropertySchema> properties = new LinkedHashMap<>();
    private final Map<String, BlockSchema> blocks = new LinkedHashMap<>();
    private boolean repeatable;
    private boolean required;
    private String extendsKind;

    private Builder(String kind, String doc) {
      this.kind = kind;
      this.doc = doc;
    }

    public Builder label(String name, Type type, String doc) {
      labels.add(new LabelSchema(name, type, doc));
      return this;
    }

    public Builder property(String name, Type type, String doc) {
      return property(name, type, doc, "");
    }

    public Builder property(String name, Type type, String doc, String defaultText) {
      properties.put(name, new PropertySchema(name, type, doc, false, defaultText));
      return this;
    }

    public Builder requiredProperty(String name, Type type, String doc) {
      properties.put(name, new PropertySchema(name, type, doc, true, ""));
      return this;
    }

    public Builder block(BlockSchema child) {
      blocks.put(child.kind(), child);
      return this;
    }

    public Builder repeatable() {
      this.repeatable = true;
      return this;
    }

    public Builder required() {
      this.required = true;
      return this;
    }

    public Builder extendsKind(String kind) {
      this.extendsKind = kind;
      return this;
    }

    public BlockSchema build() {
      return new BlockSchema(
          kind,
          doc,
          labels,
          properties,
          blocks,
          repeatable,
          required,
          Optional.ofNullable(extendsKind));
    }
  }
}
