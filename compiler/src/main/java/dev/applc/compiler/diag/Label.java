package dev.applc.compiler.diag;

import dev.applc.compiler.source.SourceSpan;

/** A span with a short message, shown under the source line ("first defined here"). */
public record Label(SourceSpan span, String message) {}
