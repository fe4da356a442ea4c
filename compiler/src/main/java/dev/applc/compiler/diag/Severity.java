package dev.applc.compiler.diag;

/** How serious a diagnostic is. Errors stop a compile; warnings do not unless strict. */
public enum Severity {
  ERROR("error"),
  WARNING("warning"),
  NOTE("note");

  private final String label;

  Severity(String label) {
    this.label = label;
  }

  /** The word shown in front of the code: {@code error[APL0100]}. */
  public String label() {
    return label;
  }
}
