package dev.applc.compiler.diag;

import dev.applc.compiler.source.SourceSpan;

/** A machine-applicable edit that resolves a diagnostic (used by editors as a code action). */
public record Fix(String title, SourceSpan span, String replacement) {}
