package dev.applc.compiler.diag;

import dev.applc.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One problem found in a spec, located at the user's text.
 *
 * @param message a lowercase sentence that stands on its own, naming code in backticks
 * @param span where the problem is; carets go under all of it
 * @param label a few words shown at the carets
 * @param related other places that explain the problem
 * @param notes facts that help understand it
 * @param help what to do about it
 */
public record Diagnostic(
    Severity severity,
    Code code,
    String message,
    SourceSpan span,
    String label,
    List<Label> related,
    List<String> notes,
    Optional<String> help,
    Optional<Fix> fix) {

  public Diagnostic {
    // Quoted spec text reaches terminals, JSON and editors from here: escape and clip it once.
    message = Printable.text(message);
    label = Printable.text(label);
    related = related.stream().map(l -> new Label(l.span(), Printable.text(l.message()))).toList();
    notes = notes.stream().map(Printable::text).toList();
    help = help.map(Printable::text);
  }

  public static Builder error(Code code, SourceSpan span, String message) {
    return new Builder(code.severity(), code, span, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** Builds a diagnostic step by step; {@link #error} starts one with the code's severity. */
  public static final class Builder {
    private Severity severity;
    private final Code code;
    private final SourceSpan span;
    private final String message;
    private String label = "";
    private final List<Label> related = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private String help;
    private Fix fix;

    private Builder(Severity severity, Code code, SourceSpan span, String message) {
      this.severity = severity;
      this.code = code;
      this.span = span;
      this.message = message;
    }

    public Builder severity(Severity severity) {
      this.severity = severity;
      return this;
    }

    public Builder label(String label) {
      this.label = label;
      return this;
    }

    public Builder related(SourceSpan span, String message) {
      related.add(new Label(span, message));
      return this;
    }

    public Builder note(String note) {
      notes.add(note);
      return this;
    }

    public Builder help(String help) {
      this.help = help;
      return this;
    }

    public Builder fix(String title, SourceSpan span, String replacement) {
      this.fix = new Fix(title, span, replacement);
      return this;
    }

    public Diagnostic build() {
      return new Diagnostic(
          severity,
          code,
          message,
          span,
          label,
          related,
          notes,
          Optional.ofNullable(help),
          Optional.ofNullable(fix));
    }
  }
}
