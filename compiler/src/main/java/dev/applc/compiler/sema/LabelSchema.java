package dev.applc.compiler.sema;

/** One label of a block, as in {@code partition esp} (the name) or {@code os debian bookworm}. */
public record LabelSchema(String name, Type type, String doc) {}
