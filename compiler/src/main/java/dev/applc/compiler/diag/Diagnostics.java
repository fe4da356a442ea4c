package dev.applc.compiler.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects diagnostics as a compile goes; user errors are values, never exceptions. */
public final class Diagnostics {
  private final List<Diagnostic> items = new ArrayList<>();

  public void add(Diagnostic diagnostic) {
    // A problem in an inherited layout shows up once, however many appliances use it.
    for (Diagnostic d : items) {
      if (d.code() == diagnostic.code()
          && d.span().equals(diagnostic.span())
          && d.message().equals(diagnostic.message())) {
        return;
      }
    }
    items.add(diagnostic);
  }

  public void add(Diagnostic.Builder builder) {
    add(builder.build());
  }

  public void addAll(List<Diagnostic> diagnostics) {
    diagnostics.forEach(this::add);
  }

  public boolean hasErrors() {
    return items.stream().anyMatch(Diagnostic::isError);
  }

  public int errorCount() {
    return (int) items.stream().filter(Diagnostic::isError).count();
  }

  /** In source order (file, then position), which is how people read them. */
  public List<Diagnostic> sorted() {
    List<Diagnostic> copy = new ArrayList<>(items);
    copy.sort(ORDER);
    return List.copyOf(copy);
  }

  public static final Comparator<Diagnostic> ORDER =
      Comparator.comparing((Diagnostic d) -> d.span().file().name())
          .thenComparingInt(d -> d.span().start())
          .thenComparing(d -> d.code().id())
          .thenComparing(Diagnostic::message);
}
