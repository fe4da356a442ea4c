package dev.applc.lsp;

import dev.applc.compiler.source.SourceSpan;
import java.util.Optional;

/**
 * A name in the source that declares or refers to something: a partition, slot, key, profile, unit,
 * board, layout or package set.
 *
 * @param kind what is named, as the block kind that declares it ({@code partition}, {@code key})
 * @param span the name as written
 * @param definition whether this declares the thing
 * @param target for a reference, the name span of what it refers to (which may itself refer on, as
 *     a partition block that changes a layout's partition does); empty when undefined
 */
record Occurrence(
    String kind, String name, SourceSpan span, boolean definition, Optional<SourceSpan> target) {

  /** Where this occurrence is, as a key that is the same in every analysis. */
  String location() {
    return location(span);
  }

  static String location(SourceSpan span) {
    return span.file().name() + ":" + span.start();
  }
}
