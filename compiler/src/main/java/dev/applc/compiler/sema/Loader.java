package dev.applc.compiler.sema;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.source.Limits;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceProvider;
import dev.applc.compiler.source.SourceRefused;
import dev.applc.compiler.source.SourceSpan;
import dev.applc.compiler.source.TooLargeException;
import dev.applc.compiler.syntax.Ast;
import dev.applc.compiler.syntax.SpecParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the root file and everything it imports, parses each once, checks the language version and
 * the top-level declarations, and gathers them into a {@link Program}.
 */
public final class Loader {
  private final SourceProvider provider;
  private final Diagnostics diagnostics;
  private final BlockChecker checker;
  private final Map<String, Ast.SpecFile> parsed = new LinkedHashMap<>();
  private final Map<String, List<Node>> declarationsByFile = new LinkedHashMap<>();
  private final Deque<String> importing = new ArrayDeque<>();
  private final ImportReader imports;

  public Loader(SourceProvider provider, Diagnostics diagnostics) {
    this.provider = provider;
    this.diagnostics = diagnostics;
    this.checker = new BlockChecker(diagnostics);
    this.imports = new ImportReader(provider, diagnostics);
  }

  /** Loads a root file; a root that cannot be read is reported without a span (empty result). */
  public Optional<Program> load(String rootName) throws IOException {
    Optional<String> text;
    try {
      text = provider.read(rootName);
    } catch (IOException e) {
      unreadable(diagnostics, SourceSpan.at(new SourceFile(rootName, ""), 0), rootName, e);
      return Optional.of(new Program(List.of(), List.of(), Map.of()));
    }
    if (text.isEmpty()) {
      return Optional.empty();
    }
    SourceFile root = new SourceFile(rootName, text.get());
    visit(root);
    return Optional.of(assemble(rootName));
  }

  /** Loads a root file whose text is given (an editor buffer). */
  public Program load(SourceFile root) throws IOException {
    visit(root);
    return assemble(root.name());
  }

  private Program assemble(String rootName) {
    Scope scope = new Scope(diagnostics);
    for (List<Node> decls : declarationsByFile.values()) {
      decls.forEach(scope::declare);
    }
    Merger merger = new Merger(scope, diagnostics);
    Map<String, Map<String, Node>> merged = merger.mergeAll();
    List<Node> rootDecls = new ArrayList<>();
    for (Node n : declarationsByFile.getOrDefault(rootName, List.of())) {
      rootDecls.add(merged.getOrDefault(n.kind(), Map.of()).getOrDefault(n.name(), n));
    }
    return new Program(new ArrayList<>(parsed.values()), rootDecls, merged);
  }

  private void visit(SourceFile file) throws IOException {
    Optional<Ast.SpecFile> withinLimits = SpecParser.parseWithinLimits(file, diagnostics);
    if (withinLimits.isEmpty()) {
      // Over a limit (reported): nothing of it is read, and nothing more said about it.
      parsed.put(file.name(), SpecParser.empty(file));
      declarationsByFile.put(file.name(), List.of());
      return;
    }
    Ast.SpecFile ast = withinLimits.get();
    parsed.put(file.name(), ast);
    if (!versionOk(ast)) {
      declarationsByFile.put(file.name(), List.of());
      return;
    }
    importing.push(file.name());
    for (Ast.Import imp : ast.imports()) {
      if (!imports.acceptable(imp)) {
        continue;
      }
      String target = resolve(file.name(), imp);
      if (importing.contains(target)) {
        diagnostics.add(
            Diagnostic.error(
                    Code.IMPORT_CYCLE,
                    imp.span(),
                    "`" + target + "` imports itself" + " through this import")
                .label("closes a cycle")
                .note("the chain is " + String.join(" → ", reversed(importing)) + " → " + target)
                .help("move what both files need into a third file that both import"));
        continue;
      }
      if (parsed.containsKey(target)) {
        continue;
      }
      if (importing.size() >= Limits.MAX_DEPTH) {
        // Each link is a level of recursion here: a chain of thousands would overflow the stack.
        diagnostics.add(
            Diagnostic.error(
                    Code.NESTING_TOO_DEEP,
                    imp.span(),
                    "imports nest more than " + Limits.MAX_DEPTH + " files deep")
                .label("not followed")
                .note("the chain starts at `" + importing.peekLast() + "`")
                .help("import the files from one place instead of each from the one before"));
        continue;
      }
      Optional<String> text = imports.read(imp, target);
      if (text.isPresent()) {
        visit(new SourceFile(target, text.get()));
      }
    }
    importing.pop();
    declarationsByFile.put(file.name(), topLevel(ast));
  }

  static void unreadable(Diagnostics diagnostics, SourceSpan at, String name, IOException e) {
    if (e instanceof SourceRefused refused) {
      diagnostics.add(
          Diagnostic.error(refused.code(), at, refused.getMessage())
              .label(refused.label())
              .help(refused.help()));
      return;
    }
    if (e instanceof TooLargeException) {
      diagnostics.add(
          Diagnostic.error(
                  Code.INPUT_TOO_LARGE,
                  at,
                  "`" + name + "` is larger than " + Limits.MAX_FILE_BYTES / (1024 * 1024) + " MiB")
              .label("not read")
              .note("applc reads spec files of up to " + Limits.MAX_FILE_BYTES + " bytes")
              .help(
                  "a spec is text written by people; split it into files that import each other"));
      return;
    }
    boolean encoding = e instanceof java.nio.charset.CharacterCodingException;
    diagnostics.add(
        Diagnostic.error(
                Code.FILE_UNREADABLE,
                at,
                encoding
                    ? "`" + name + "` is not UTF-8 text"
                    : "cannot read `" + name + "`: " + e.getClass().getSimpleName())
            .label(encoding ? "not UTF-8" : "unreadable")
            .help(
                encoding
                    ? "save the file as UTF-8; spec files are text"
                    : "check that the file exists and can be read"));
  }

  private static List<String> reversed(Deque<String> stack) {
    List<String> out = new ArrayList<>(stack);
    java.util.Collections.reverse(out);
    return out;
  }

  /** An import's file name: std names as they are, local paths relative to the importer. */
  public static String resolve(String importer, Ast.Import imp) {
    if (imp.standardLibrary()) {
      return imp.target();
    }
    String dir;
    if (importer.startsWith(SourceProvider.STD_SCHEME)) {
      int slash = importer.lastIndexOf('/');
      dir = slash < 0 ? SourceProvider.STD_SCHEME : importer.substring(0, slash + 1);
    } else {
      int slash = importer.lastIndexOf('/');
      dir = slash < 0 ? "" : importer.substring(0, slash + 1);
    }
    return normalize(dir + imp.target());
  }

  private static String normalize(String path) {
    Deque<String> parts = new ArrayDeque<>();
    String prefix = path.startsWith(SourceProvider.STD_SCHEME) ? SourceProvider.STD_SCHEME : "";
    String rest = path.substring(prefix.length());
    boolean absolute = rest.startsWith("/");
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
    return prefix + (absolute ? "/" : "") + String.join("/", parts);
  }

  private boolean versionOk(Ast.SpecFile ast) {
    if (ast.header().isEmpty()) {
      SourceSpan start = new SourceSpan(ast.source(), 0, 0);
      diagnostics.add(
          Diagnostic.error(
                  Code.LANGUAGE_VERSION,
                  start,
                  "the file does not say which language" + " version it is written in")
              .label("expected `applc 1` here")
              .help("start the file with the line `applc 1`")
              .fix("add `applc 1`", start, "applc 1\n\n"));
      return true; // Check the rest as version 1: more useful than stopping here.
    }
    Ast.Header header = ast.header().get();
    if (!Language.VERSIONS.contains(header.version())) {
      diagnostics.add(
          Diagnostic.error(
                  Code.LANGUAGE_VERSION,
                  header.versionSpan(),
                  "language version `" + header.version() + "` is not supported by this applc")
              .label("unknown version")
              .note(
                  "this applc reads version"
                      + (Language.VERSIONS.size() > 1 ? "s " : " ")
                      + String.join(", ", Language.VERSIONS))
              .help(
                  "write `applc "
                      + Language.VERSIONS.get(Language.VERSIONS.size() - 1)
                      + "`, or use an applc that knows version "
                      + header.version()));
      return false;
    }
    return true;
  }

  private List<Node> topLevel(Ast.SpecFile ast) {
    List<Node> out = new ArrayList<>();
    for (Ast.Statement s : ast.statements()) {
      if (s instanceof Ast.Block b) {
        BlockSchema schema = Language.TOP_LEVEL.get(b.kind().text());
        if (schema == null) {
          checker.unknownBlock(b, "", Language.TOP_LEVEL.keySet(), false);
          continue;
        }
        out.add(checker.check(b, schema));
      } else if (s instanceof Ast.Property p) {
        diagnostics.add(
            Diagnostic.error(
                    Code.UNKNOWN_PROPERTY,
                    p.key().span(),
                    "property `" + p.key().text() + "` outside of any block")
                .label("not inside a block")
                .help("put settings inside a declaration such as `appliance NAME { ... }`"));
      }
    }
    return out;
  }
}
