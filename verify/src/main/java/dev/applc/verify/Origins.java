package dev.applc.verify;

import dev.applc.compiler.backend.OutputFile;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceSpan;
import java.util.Comparator;
import java.util.Optional;

/**
 * Where a generated file came from in the user's spec: the first of its origins (the spans that
 * OUT/config/manifest.json lists as {@code from}) that lies in the spec file itself. Spans in the
 * standard library ({@code std:}) are not the user's text, so they are passed over.
 */
record Origins(OutputTree tree, SourceFile spec, SourceSpan fallback) {

  /** The first span in the spec of the first of these files that has one, else the fallback. */
  SourceSpan of(String... paths) {
    for (String path : paths) {
      Optional<SourceSpan> span =
          tree.get(path).map(OutputFile::origins).stream()
              .flatMap(o -> o.stream())
              .filter(s -> s.file() == spec || s.file().name().equals(spec.name()))
              // In the order manifest.json lists them, so the report names the span it shows.
              .min(Comparator.comparing(SourceSpan::range));
      if (span.isPresent()) {
        return span.get();
      }
    }
    return fallback;
  }

  /** The span itself when it is the user's text, else where the first of these files came from. */
  SourceSpan inSpecOr(SourceSpan span, String... paths) {
    return span.file() == spec ? span : of(paths);
  }
}
