package dev.applc.compiler.sema;

/**
 * One property a block accepts.
 *
 * @param defaultText how the default is described in docs and hover ("derived from the type"),
 *     empty when there is none
 */
public record PropertySchema(
    String name, Type type, String doc, boolean required, String defaultText) {}
