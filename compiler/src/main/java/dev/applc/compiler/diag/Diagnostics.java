package dev.applc.compiler.diag;

import dev.applc.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects diagnostics as a compile goes; user errors are values, never exceptions.
 *
 * <p>Adding is constant time (duplicates are found by hash, not by scanning), and what is shown is
 * capped: at most {@link #MAX_PER_FILE} diagnostics per file, then one {@link
 * Code#TOO_MANY_DIAGNOSTICS} saying how many more there are. A generated or damaged file with a
 * hundred thousand problems then checks in seconds and prints a screenful.
 */
public final class Diagnostics {
  /** The most diagnostics shown for one file. */
  public static final int MAX_PER_FILE = 100;

  private record Key(Code code, SourceSpan span, String message) {}

  private final List<Diagnostic> items = new ArrayList<>();
  private final Set<Key> seen = new HashSet<>();
  private int errors;

  public void add(Diagnostic diagnostic) {
    // A problem in an inherited layout shows up once, however many appliances use it.
    if (!seen.add(new Key(diagnostic.code(), diagnostic.span(), diagnostic.message()))) {
      return;
    }
    items.add(diagnostic);
    if (diagnostic.isError()) {
      errors++;
    }
  }

  public void add(Diagnostic.Builder builder) {
    add(builder.build());
  }

  public void addAll(List<Diagnostic> diagnostics) {
    diagnostics.forEach(this::add);
  }

  public boolean hasErrors() {
    return errors > 0;
  }

  public int errorCount() {
    return errors;
  }

  /** Every diagnostic in source order, uncapped: for code that filters before showing. */
  public List<Diagnostic> all() {
    List<Diagnostic> copy = new ArrayList<>(items);
    copy.sort(ORDER);
    return List.copyOf(copy);
  }

  /** In source order (file, then position), which is how people read them; capped per file. */
  public List<Diagnostic> sorted() {
    return capped(all());
  }

  /**
   * Diagnostics in source order with at most {@link #MAX_PER_FILE} for each file; the rest of a
   * file's are summed up in one diagnostic at the first one left out. It is an error when any left
   * out is, so that the exit status stays what the whole list says.
   */
  public static List<Diagnostic> capped(List<Diagnostic> sorted) {
    Map<String, List<Diagnostic>> byFile = new LinkedHashMap<>();
    for (Diagnostic d : sorted) {
      byFile.computeIfAbsent(d.span().file().name(), k -> new ArrayList<>()).add(d);
    }
    if (byFile.values().stream().allMatch(l -> l.size() <= MAX_PER_FILE)) {
      return sorted;
    }
    List<Diagnostic> out = new ArrayList<>();
    for (List<Diagnostic> file : byFile.values()) {
      if (file.size() <= MAX_PER_FILE) {
        out.addAll(file);
        continue;
      }
      out.addAll(file.subList(0, MAX_PER_FILE));
      List<Diagnostic> rest = file.subList(MAX_PER_FILE, file.size());
      long restErrors = rest.stream().filter(Diagnostic::isError).count();
      Diagnostic first = rest.get(0);
      out.add(
          Diagnostic.error(
                  Code.TOO_MANY_DIAGNOSTICS,
                  first.span(),
                  "and " + rest.size() + " more in `" + first.span().file().name() + "`, not shown")
              .severity(restErrors > 0 ? Severity.ERROR : Severity.WARNING)
              .label("the first one not shown is here")
              .note(restErrors + " of them are errors, " + (rest.size() - restErrors) + " warnings")
              .note("applc shows at most " + MAX_PER_FILE + " diagnostics per file")
              .help("fix the problems shown and check again")
              .build());
    }
    return List.copyOf(out);
  }

  public static final Comparator<Diagnostic> ORDER =
      Comparator.comparing((Diagnostic d) -> d.span().file().name())
          .thenComparingInt(d -> d.span().start())
          .thenComparing(d -> d.code().id())
          .thenComparing(Diagnostic::message);
}
