package dev.applc.lsp;

import dev.applc.compiler.source.SourceProvider;
import dev.applc.compiler.syntax.Ast;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The file name an import stands for, as the compiler's loader resolves it: standard-library names
 * as they are, local paths relative to the importing file's folder.
 */
final class Imports {
  private Imports() {}

  static String resolve(String importer, Ast.Import imp) {
    if (imp.standardLibrary()) {
      return imp.target();
    }
    int slash = importer.lastIndexOf('/');
    String dir;
    if (slash >= 0) {
      dir = importer.substring(0, slash + 1);
    } else {
      dir = importer.startsWith(SourceProvider.STD_SCHEME) ? SourceProvider.STD_SCHEME : "";
    }
    return normalize(dir + imp.target());
  }

  private static String normalize(String path) {
    String prefix = path.startsWith(SourceProvider.STD_SCHEME) ? SourceProvider.STD_SCHEME : "";
    String rest = path.substring(prefix.length());
    Deque<String> parts = new ArrayDeque<>();
    for (String part : rest.split("/", -1)) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..") && !parts.isEmpty() && !parts.peekLast().equals("..")) {
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return prefix + (rest.startsWith("/") ? "/" : "") + String.join("/", parts);
  }
}
