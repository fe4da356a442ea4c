package dev.applc.compiler.sema;

import dev.applc.compiler.source.SourceSpan;
import java.util.List;

/** A value after type checking: what the schema said it must be, with its span. */
public sealed interface Val {
  SourceSpan span();

  /** A string or text block. */
  record Str(String value, SourceSpan span) implements Val {}

  /** A whole number. */
  record Int(long value, SourceSpan span) implements Val {}

  /** A size in bytes ({@code 512M} is 512 MiB: units are binary, as in systemd). */
  record Bytes(long value, SourceSpan span) implements Val {}

  /** A duration in milliseconds. */
  record Millis(long value, SourceSpan span) implements Val {}

  record Bool(boolean value, SourceSpan span) implements Val {}

  /** An enum value or a reference to a named element, as written. */
  record Sym(String name, SourceSpan span) implements Val {}

  /** {@code signed(key)}, {@code copy("file")}, {@code oci("ref")}. */
  record Call(String function, List<Val> arguments, SourceSpan span) implements Val {
    public Call {
      arguments = List.copyOf(arguments);
    }
  }

  record Items(List<Val> items, SourceSpan span) implements Val {
    public Items {
      items = List.copyOf(items);
    }
  }
}
