package dev.applc.specs;

import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.diag.JsonRenderer;
import dev.applc.compiler.diag.Label;
import dev.applc.compiler.diag.Printable;
import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Compiler;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceProvider;
import dev.applc.compiler.source.SourceSpan;
import dev.applc.compiler.syntax.Ast;
import dev.applc.compiler.syntax.Formatter;
import dev.applc.compiler.syntax.SpecParser;
import dev.applc.lsp.BufferCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The fuzzing harness: mutants of every spec under {@code specs/} (the diagnostics corpus included)
 * and of the standard library go through what {@code applc check} runs (the compiler, reading the
 * file as bytes from disk), what {@code applc fmt} runs (parse, format, parse the result again) and
 * what the language server runs for a buffer ({@link BufferCheck}). An internal error is any {@link
 * Throwable} escaping one of them, or output that breaks the diagnostics standard: a span outside
 * its file, more than 101 diagnostics for a file, a raw control character in rendered text, JSON or
 * an editor's message, formatted text that no longer parses.
 *
 * <p>Run by {@code bench/fuzz.sh} (100,000 inputs by default) and, smaller, by {@link FuzzTest}.
 */
public final class Fuzz {
  static final long DEFAULT_SEED = 0xf022_5eedL;
  private static final int SHOWN = 5;

  /** What a run found. */
  record Report(
      int inputs,
      int files,
      long millis,
      int rejected,
      Map<Mutator.Kind, Integer> byKind,
      List<String> failures) {
    String summary() {
      return String.format(
          "fuzz: %d inputs, mutants of %d files, in %.1f s (%.2f ms each): %d reported"
              + " errors, %d internal errors%n  by mutation: %s",
          inputs,
          files,
          millis / 1000.0,
          inputs == 0 ? 0.0 : (double) millis / inputs,
          rejected,
          failures.size(),
          byKind);
    }
  }

  public static void main(String[] args) throws IOException {
    int count = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 100_000;
    long seed = args.length > 1 ? Long.decode(args[1]) : DEFAULT_SEED;
    Report report = run(count, seed);
    System.out.println(report.summary());
    for (String f : report.failures().subList(0, Math.min(SHOWN, report.failures().size()))) {
      System.out.println("\n" + f);
    }
    System.exit(report.failures().isEmpty() ? 0 : 1);
  }

  static Report run(int count, long seed) throws IOException {
    Path root = SpecFolders.repoRoot();
    List<SourceFile> corpus = corpus(root);
    Path scratch = Files.createTempDirectory("applc-fuzz");
    Mutator mutator = new Mutator(new Random(seed));
    Map<Mutator.Kind, Integer> byKind = new EnumMap<>(Mutator.Kind.class);
    List<String> failures = new ArrayList<>();
    int rejected = 0;
    long start = System.nanoTime();
    try (BufferCheck lsp = new BufferCheck()) {
      for (int i = 0; i < count; i++) {
        SourceFile original = corpus.get(i % corpus.size());
        SourceFile other = corpus.get((i * 7 + 3) % corpus.size());
        Mutator.Mutant mutant = mutator.mutate(original.text(), other.text());
        byKind.merge(mutant.kind(), 1, Integer::sum);
        List<String> problems = new ArrayList<>();
        Path file = scratch.resolve("mutant.appliance");
        Files.write(file, mutant.bytes());
        try {
          Result<Compilation> result = check(root, original.name(), file);
          problems.addAll(checkDiagnostics(result.diagnostics()));
          if (result.hasErrors()) {
            rejected++;
          }
        } catch (Throwable e) {
          problems.add("check threw " + trace(e));
        }
        try {
          problems.addAll(format(original.name(), file));
        } catch (Throwable e) {
          problems.add("fmt threw " + trace(e));
        }
        try {
          String uri = root.resolve(original.name().replace("std:", "std/")).toUri().toString();
          BufferCheck.Answer answer = lsp.check(uri, mutant.text());
          for (org.eclipse.lsp4j.Diagnostic d : answer.diagnostics()) {
            String message =
                d.getMessage().isLeft()
                    ? d.getMessage().getLeft()
                    : d.getMessage().getRight().getValue();
            if (hasUnsafe(message)) {
              problems.add("an editor message has a raw control character: " + message);
            }
          }
        } catch (Throwable e) {
          problems.add("the language server's analysis threw " + trace(e));
        }
        if (!problems.isEmpty()) {
          failures.add(
              "input "
                  + i
                  + ": "
                  + mutant.kind()
                  + " ("
                  + mutant.description()
                  + ") of "
                  + original.name()
                  + "\n  "
                  + String.join("\n  ", problems)
                  + "\n--- mutant (first 2,000 characters) ---\n"
                  + mutant.text().substring(0, Math.min(2_000, mutant.text().length())));
        }
      }
    } finally {
      Files.deleteIfExists(scratch.resolve("mutant.appliance"));
      Files.deleteIfExists(scratch);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    return new Report(count, corpus.size(), millis, rejected, byKind, failures);
  }

  /** As {@code applc check}: the root read from disk as bytes, its imports from the repository. */
  private static Result<Compilation> check(Path root, String name, Path mutant) {
    SourceProvider repository = SourceProvider.fileSystem(root);
    SourceProvider scratch = SourceProvider.fileSystem(mutant.getParent());
    SourceProvider provider =
        n -> n.equals(name) ? scratch.read(mutant.getFileName().toString()) : repository.read(n);
    return new Compiler(provider).compile(name);
  }

  /** As {@code applc fmt}: a file that parses is formatted, and the result parses to itself. */
  private static List<String> format(String name, Path file) throws IOException {
    String text;
    try {
      text = SourceProvider.fileSystem(file.getParent()).read(file.getFileName().toString()).get();
    } catch (IOException e) {
      return List.of(); // Too large or not UTF-8: fmt reports it and leaves the file alone.
    }
    Diagnostics diagnostics = new Diagnostics();
    Ast.SpecFile ast = SpecParser.parse(new SourceFile(name, text), diagnostics);
    List<String> problems = checkDiagnostics(diagnostics.sorted());
    if (diagnostics.hasErrors()) {
      return problems;
    }
    String formatted = Formatter.format(ast);
    Diagnostics again = new Diagnostics();
    Ast.SpecFile reparsed = SpecParser.parse(new SourceFile(name, formatted), again);
    if (again.hasErrors()) {
      problems.add(
          "the formatted text does not parse: " + new TextRenderer(false).render(again.sorted()));
    } else if (!Formatter.format(reparsed).equals(formatted)) {
      problems.add("formatting twice changes the text");
    }
    return problems;
  }

  /** The diagnostics standard, for any input: in the file, bounded, and safe to print. */
  static List<String> checkDiagnostics(List<Diagnostic> diagnostics) {
    List<String> problems = new ArrayList<>();
    Map<String, Integer> perFile = new HashMap<>();
    for (Diagnostic d : diagnostics) {
      perFile.merge(d.span().file().name(), 1, Integer::sum);
      List<SourceSpan> spans = new ArrayList<>();
      spans.add(d.span());
      d.related().stream().map(Label::span).forEach(spans::add);
      for (SourceSpan s : spans) {
        if (s.end() > s.file().text().length()) {
          problems.add(d.code().id() + " points past its file: " + s);
        }
      }
      String text = new TextRenderer(false).render(d);
      if (hasUnsafe(text.replace("\n", ""))) {
        problems.add(d.code().id() + " renders a raw control character:\n" + text);
      }
      if (text.length() > 20_000) {
        problems.add(d.code().id() + " renders as " + text.length() + " characters");
      }
      String json = JsonRenderer.render(List.of(d));
      if (json.chars().anyMatch(c -> c != '\n' && Character.isISOControl(c))) {
        problems.add(d.code().id() + " has a raw control character in JSON: " + json);
      }
    }
    perFile.forEach(
        (file, n) -> {
          if (n > Diagnostics.MAX_PER_FILE + 1) {
            problems.add(n + " diagnostics for " + file);
          }
        });
    return problems;
  }

  private static boolean hasUnsafe(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) != '\n' && Printable.unsafe(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Every spec file under specs/ (the diagnostics corpus too) and the standard library. */
  static List<SourceFile> corpus(Path root) {
    List<SourceFile> files = new ArrayList<>();
    Path std = root.resolve("stdlib/src/main/resources/std");
    for (Path dir : List.of(root.resolve("specs"), std)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p :
            paths
                .filter(p -> p.toString().endsWith(".appliance"))
                .filter(p -> !dir.relativize(p).toString().contains("target"))
                .filter(Files::isRegularFile)
                .sorted()
                .toList()) {
          String name =
              dir.equals(std)
                  ? "std:" + std.relativize(p).toString().replace(".appliance", "")
                  : root.relativize(p).toString();
          files.add(new SourceFile(name, Files.readString(p, StandardCharsets.UTF_8)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  private static String trace(Throwable e) {
    StringWriter s = new StringWriter();
    e.printStackTrace(new PrintWriter(s));
    String[] lines = s.toString().split("\n");
    return String.join("\n    ", List.of(lines).subList(0, Math.min(14, lines.length)));
  }

  private Fuzz() {}
}
