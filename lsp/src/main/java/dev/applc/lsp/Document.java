package dev.applc.lsp;

/**
 * An open editor buffer.
 *
 * @param uri the URI as the client spells it (answers about this buffer use the same spelling)
 * @param name the compiler's name for it: an absolute path, a {@code std:} name, or the URI itself
 *     for buffers that are not files
 */
record Document(String uri, String name, int version, String text) {}
