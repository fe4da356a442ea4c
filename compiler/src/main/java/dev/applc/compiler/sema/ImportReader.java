package dev.applc.compiler.sema;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.source.SourceProvider;
import dev.applc.compiler.source.SourceRefused;
import dev.applc.compiler.syntax.Ast;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads what an {@code import} names, and reports at the import why it cannot: a path that is
 * absolute or has control characters, a file outside the project or not a spec. A file that is not
 * a spec is never quoted: its lines could be anything ({@code /etc/passwd}), and one error at the
 * import says all there is to say.
 */
final class ImportReader {
  /** Longer than any real relative path; a longer one is not a file name someone wrote. */
  static final int MAX_IMPORT_LENGTH = 1024;

  private final SourceProvider provider;
  private final Diagnostics diagnostics;

  ImportReader(SourceProvider provider, Diagnostics diagnostics) {
    this.provider = provider;
    this.diagnostics = diagnostics;
  }

  /** Whether a local import may name a file at all; reports when not. std imports always may. */
  boolean acceptable(Ast.Import imp) {
    if (imp.standardLibrary()) {
      return true;
    }
    String target = imp.target();
    if (target.length() > MAX_IMPORT_LENGTH
        || target.codePoints().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      diagnostics.add(
          Diagnostic.error(
                  Code.UNSAFE_STRING,
                  imp.span(),
                  target.length() > MAX_IMPORT_LENGTH
                      ? "the import's path is longer than " + MAX_IMPORT_LENGTH + " characters"
                      : "the import's path has a control character")
              .label("not a file name")
              .help(
                  "import a `.appliance` file by its relative path, such as `\"boards/x.appliance\"`"));
      return false;
    }
    if (target.startsWith("/") || target.startsWith("~")) {
      diagnostics.add(
          Diagnostic.error(
                  Code.IMPORT_OUTSIDE_PROJECT,
                  imp.span(),
                  "imports are relative to the importing file; `"
                      + target
                      + "` is an absolute path")
              .label("absolute path")
              .note(
                  "a spec reads files of its own project only, so that it builds the same anywhere")
              .help("copy the file into the project and import it by its relative path"));
      return false;
    }
    return true;
  }

  /** The text of the file an import names, or empty once the reason is reported. */
  Optional<String> read(Ast.Import imp, String target) {
    Optional<String> text;
    try {
      text = provider.read(target);
    } catch (SourceRefused e) {
      diagnostics.add(
          Diagnostic.error(e.code(), imp.span(), e.getMessage()).label(e.label()).help(e.help()));
      return Optional.empty();
    } catch (IOException e) {
      Loader.unreadable(diagnostics, imp.span(), target, e);
      return Optional.empty();
    }
    if (text.isEmpty()) {
      diagnostics.add(
          Diagnostic.error(Code.IMPORT_NOT_FOUND, imp.span(), "cannot find `" + target + "`")
              .label("no such file")
              .help(
                  imp.standardLibrary()
                      ? "the standard library's files are listed in docs/stdlib.md, such as"
                          + " `std:boards/x86_64-uefi`"
                      : "local imports are relative to the importing file's folder"));
      return Optional.empty();
    }
    if (!imp.standardLibrary() && !startsLikeSpec(text.get())) {
      diagnostics.add(
          Diagnostic.error(
                  Code.IMPORT_NOT_A_SPEC, imp.span(), "`" + target + "` is not a spec file")
              .label("does not start with `applc 1`")
              .note("its text is not shown: a file that is not a spec may hold anything")
              .help("import `.appliance` files, which start with the line `applc 1`"));
      return Optional.empty();
    }
    return text;
  }

  /**
   * Whether a text starts like a spec: its first line that is neither blank nor a comment is the
   * header {@code applc VERSION}. Specs are UTF-8 text; a byte-order mark is tolerated.
   */
  static boolean startsLikeSpec(String text) {
    for (String line : text.lines().limit(10_000).toList()) {
      String t = line.strip();
      if (t.startsWith("\uFEFF")) {
        t = t.substring(1).strip();
      }
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      return t.equals("applc") || t.startsWith("applc ") || t.startsWith("applc\t");
    }
    return false;
  }
}
