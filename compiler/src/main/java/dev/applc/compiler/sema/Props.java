package dev.applc.compiler.sema;

import dev.applc.compiler.model.Origin;
import dev.applc.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads typed property values of a checked {@link Node}, with the defaults the model needs. */
final class Props {
  private Props() {}

  static Origin origin(Node n) {
    Map<String, SourceSpan> spans = new LinkedHashMap<>();
    n.properties()
        .forEach(
            (k, p) -> {
              spans.put(k, p.value().span());
              // `signed(key)`: the argument's own span, for messages about the key.
              if (p.value() instanceof Val.Call call) {
                for (int i = 0; i < call.arguments().size(); i++) {
                  spans.put(k + "." + i, call.arguments().get(i).span());
                }
              }
            });
    return new Origin(n.span(), n.header(), spans);
  }

  static Optional<String> text(Node n, String name) {
    return n.value(name).flatMap(Props::textOf);
  }

  static String text(Node n, String name, String fallback) {
    return text(n, name).orElse(fallback);
  }

  static Optional<String> textOf(Val v) {
    if (v instanceof Val.Str s) {
      return Optional.of(s.value());
    }
    if (v instanceof Val.Sym s) {
      return Optional.of(s.name());
    }
    return Optional.empty();
  }

  static List<String> texts(Node n, String name) {
    List<String> out = new ArrayList<>();
    n.value(name)
        .ifPresent(
            v -> {
              if (v instanceof Val.Items items) {
                items.items().forEach(i -> textOf(i).ifPresent(out::add));
              }
            });
    return out;
  }

  static List<Val> items(Node n, String name) {
    return n.value(name)
        .map(v -> v instanceof Val.Items i ? i.items() : List.of(v))
        .orElse(List.of());
  }

  static boolean bool(Node n, String name, boolean fallback) {
    return n.value(name).map(v -> v instanceof Val.Bool b ? b.value() : fallback).orElse(fallback);
  }

  static Optional<Long> bytes(Node n, String name) {
    return n.value(name)
        .flatMap(v -> v instanceof Val.Bytes b ? Optional.of(b.value()) : Optional.empty());
  }

  static Optional<Long> integer(Node n, String name) {
    return n.value(name)
        .flatMap(v -> v instanceof Val.Int i ? Optional.of(i.value()) : Optional.empty());
  }

  static Optional<Long> millis(Node n, String name) {
    return n.value(name)
        .flatMap(v -> v instanceof Val.Millis m ? Optional.of(m.value()) : Optional.empty());
  }

  static Optional<Val.Call> call(Node n, String name) {
    return n.value(name).flatMap(v -> v instanceof Val.Call c ? Optional.of(c) : Optional.empty());
  }
}
