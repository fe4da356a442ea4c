package dev.applc.specs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.diag.Label;
import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.driver.Compiler;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceProvider;
import dev.applc.compiler.source.SourceSpan;
import dev.applc.compiler.syntax.Ast;
import dev.applc.compiler.syntax.AstDump;
import dev.applc.compiler.syntax.Formatter;
import dev.applc.compiler.syntax.SpecParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Broken input never breaks the compiler. Each spec and standard-library file is mutated at random
 * (a seeded {@link Random}, so a failure comes back on every run): a token deleted, inserted or
 * duplicated, a line deleted, duplicated or swapped with another, the file cut short. Each mutant
 * is compiled as an editor would compile an unsaved buffer.
 *
 * <p>Many mutants stay valid, and that is fine. What must hold for every one: no exception escapes;
 * every diagnostic points inside its file and renders; and the formatter prints the (possibly
 * partial) tree, keeping every comment, as text that parses again without error, to the same tree
 * when the mutant parsed cleanly, and that formats to itself.
 */
class MutationRobustnessTest {
  private static final long SEED = 0x5eed_a991_1a9cL;
  private static final int MUTANTS = 3000;
  private static final int FAILURES_SHOWN = 5;

  /** Whole tokens: text blocks, strings, comments, words and numbers, blanks, anything else. */
  private static final Pattern TOKEN =
      Pattern.compile(
          "\"\"\"[\\s\\S]*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"?|#[^\\n]*|[A-Za-z0-9_.@+:/-]+|\\s+|.");

  /** What may be inserted: the language's punctuation, keywords, values and some mistakes. */
  private static final List<String> VOCABULARY =
      List.of(
          "{",
          "}",
          "[",
          "]",
          "(",
          ")",
          "=",
          ",",
          ";",
          "\"",
          "\"\"\"",
          "#",
          "\n",
          "applc",
          "applc 1",
          "import",
          "extends",
          "import std:boards/rpi4",
          "import \"nope.appliance\"",
          "std:layouts/ab-verity-root",
          "\"text\"",
          "\"a\\qb\"",
          "\"open",
          "\"\"\"\nx\n\"\"\"",
          "512M",
          "1.5G",
          "0x100000",
          "0x",
          "15min",
          "3",
          "x",
          "esp",
          "root",
          "grow",
          "on",
          "off",
          "appliance",
          "board",
          "layout",
          "disk",
          "partition",
          "slots",
          "slots [a, b]",
          "os",
          "unit",
          "key",
          "update",
          "size",
          "type",
          "verity",
          "signed(db)",
          "f(",
          "$",
          "\\",
          "@",
          "-",
          "é",
          "\t",
          "appliance z {}",
          "size = 1G",
          "version = \"2\"");

  private enum Kind {
    DELETE_TOKEN,
    INSERT_TOKEN,
    DUPLICATE_TOKEN,
    DELETE_LINE,
    DUPLICATE_LINE,
    SWAP_LINES,
    TRUNCATE
  }

  private record Mutant(String text, String description) {}

  @Test
  void mutantsNeverBreakTheCompiler() {
    SourceProvider provider = SourceProvider.fileSystem(SpecFolders.repoRoot());
    List<SourceFile> corpus = RoundTripTest.corpus(SpecFolders.repoRoot());
    assertTrue(!corpus.isEmpty(), "no specs found");
    Compiler compiler = new Compiler(provider);
    Random random = new Random(SEED);
    int invalid = 0;
    int syntaxInvalid = 0;
    int unchanged = 0;
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < MUTANTS; i++) {
      SourceFile original = corpus.get(i % corpus.size());
      Mutant mutant = mutate(original.text(), random);
      if (mutant.text().equals(original.text())) {
        unchanged++;
      }
      SourceFile file = new SourceFile(original.name(), mutant.text());
      List<String> problems = new ArrayList<>();
      Result<?> result = null;
      try {
        result = compiler.compile(file);
      } catch (RuntimeException | StackOverflowError e) {
        problems.add("the compiler threw " + stackTrace(e));
      }
      if (result != null) {
        problems.addAll(checkDiagnostics(file, result.diagnostics()));
        if (result.hasErrors()) {
          invalid++;
        }
      }
      Diagnostics syntax = new Diagnostics();
      try {
        Ast.SpecFile tree = SpecParser.parse(file, syntax);
        problems.addAll(checkFormatter(file, tree, syntax.hasErrors()));
      } catch (RuntimeException | StackOverflowError e) {
        problems.add("parsing or formatting threw " + stackTrace(e));
      }
      if (syntax.hasErrors()) {
        syntaxInvalid++;
      }
      if (!problems.isEmpty()) {
        failures.add(
            "mutant "
                + i
                + " of "
                + original.name()
                + " ("
                + mutant.description()
                + "):\n  "
                + String.join("\n  ", problems)
                + "\n--- mutant text ---\n"
                + mutant.text());
      }
    }
    System.out.printf(
        "mutation robustness: %d mutants of %d files (seed %#x): %d invalid (%d with syntax"
            + " errors), %d valid, %d unchanged by their mutation, %d failed%n",
        MUTANTS,
        corpus.size(),
        SEED,
        invalid,
        syntaxInvalid,
        MUTANTS - invalid,
        unchanged,
        failures.size());
    assertTrue(
        failures.isEmpty(),
        () ->
            failures.size()
                + " mutants broke the compiler or the formatter; the first ones:\n\n"
                + String.join(
                    "\n\n", failures.subList(0, Math.min(FAILURES_SHOWN, failures.size()))));
  }

  /** Diagnostics point inside their files and render; an error has at least one real place. */
  private static List<String> checkDiagnostics(SourceFile file, List<Diagnostic> diagnostics) {
    List<String> problems = new ArrayList<>();
    for (Diagnostic d : diagnostics) {
      List<SourceSpan> spans = new ArrayList<>();
      spans.add(d.span());
      d.related().stream().map(Label::span).forEach(spans::add);
      d.fix().ifPresent(f -> spans.add(f.span()));
      for (SourceSpan s : spans) {
        if (s.end() > s.file().text().length()) {
          problems.add(d.code().id() + " `" + d.message() + "` points past its file: " + s);
        }
      }
      try {
        new TextRenderer(false).render(d);
      } catch (RuntimeException e) {
        problems.add(d.code().id() + " `" + d.message() + "` does not render: " + stackTrace(e));
      }
    }
    boolean anyError = diagnostics.stream().anyMatch(Diagnostic::isError);
    boolean placedError =
        diagnostics.stream()
            .filter(Diagnostic::isError)
            .anyMatch(
                d ->
                    d.span().end() <= d.span().file().text().length()
                        && (d.span().file().name().equals(file.name())
                            || !d.span().file().text().isEmpty()));
    if (anyError && !placedError) {
      problems.add("no error has a place in a file");
    }
    return problems;
  }

  /**
   * The formatter prints whatever tree the parser made, keeps every comment, and prints text that
   * parses cleanly (to the same tree when the mutant itself parsed cleanly) and formats to itself.
   */
  private static List<String> checkFormatter(
      SourceFile file, Ast.SpecFile tree, boolean hadSyntaxErrors) {
    List<String> problems = new ArrayList<>();
    String formatted = Formatter.format(tree);
    Diagnostics again = new Diagnostics();
    Ast.SpecFile reparsed = SpecParser.parse(new SourceFile(file.name(), formatted), again);
    if (reparsed.comments().size() != tree.comments().size()) {
      problems.add(
          "the formatter kept "
              + reparsed.comments().size()
              + " of "
              + tree.comments().size()
              + " comments");
    }
    if (again.hasErrors()) {
      problems.add(
          "the formatted text does not parse:\n"
              + new TextRenderer(false).render(again.sorted())
              + "--- formatted ---\n"
              + formatted);
      return problems;
    }
    if (!hadSyntaxErrors && !AstDump.dump(tree).equals(AstDump.dump(reparsed))) {
      problems.add("the formatted text parses to another tree:\n" + formatted);
    }
    String twice = Formatter.format(reparsed);
    if (!twice.equals(formatted)) {
      problems.add(
          "formatting twice changes the text:\n--- once ---\n"
              + formatted
              + "--- twice ---\n"
              + twice);
    }
    return problems;
  }

  private static Mutant mutate(String text, Random random) {
    Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
    List<int[]> tokens = tokens(text);
    String[] lines = text.split("\n", -1);
    switch (kind) {
      case DELETE_TOKEN, DUPLICATE_TOKEN -> {
        if (tokens.isEmpty()) {
          return new Mutant(text, kind + " (no tokens)");
        }
        int[] t = tokens.get(random.nextInt(tokens.size()));
        String token = text.substring(t[0], t[1]);
        String replacement = kind == Kind.DELETE_TOKEN ? "" : token + " " + token;
        return new Mutant(
            text.substring(0, t[0]) + replacement + text.substring(t[1]),
            kind + " `" + token + "` at offset " + t[0]);
      }
      case INSERT_TOKEN -> {
        int at =
            tokens.isEmpty() ? 0 : tokens.get(random.nextInt(tokens.size()))[random.nextInt(2)];
        String word = VOCABULARY.get(random.nextInt(VOCABULARY.size()));
        String spaced =
            (random.nextBoolean() ? " " : "") + word + (random.nextBoolean() ? " " : "");
        return new Mutant(
            text.substring(0, at) + spaced + text.substring(at),
            kind + " `" + word + "` at offset " + at);
      }
      case DELETE_LINE, DUPLICATE_LINE -> {
        int n = random.nextInt(lines.length);
        List<String> out = new ArrayList<>(List.of(lines));
        if (kind == Kind.DELETE_LINE) {
          out.remove(n);
        } else {
          out.add(n, lines[n]);
        }
        return new Mutant(String.join("\n", out), kind + " " + (n + 1));
      }
      case SWAP_LINES -> {
        int a = random.nextInt(lines.length);
        int b = random.nextInt(lines.length);
        String[] out = lines.clone();
        out[a] = lines[b];
        out[b] = lines[a];
        return new Mutant(String.join("\n", out), kind + " " + (a + 1) + " and " + (b + 1));
      }
      case TRUNCATE -> {
        int at = random.nextInt(text.length() + 1);
        return new Mutant(text.substring(0, at), kind + " at offset " + at);
      }
    }
    throw new AssertionError(kind);
  }

  /** Start and end offsets of the tokens that are not blanks. */
  private static List<int[]> tokens(String text) {
    List<int[]> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      if (!m.group().isBlank()) {
        out.add(new int[] {m.start(), m.end()});
      }
    }
    return out;
  }

  private static String stackTrace(Throwable e) {
    StringWriter s = new StringWriter();
    e.printStackTrace(new PrintWriter(s));
    String[] lines = s.toString().split("\n");
    return String.join("\n    ", List.of(lines).subList(0, Math.min(12, lines.length)));
  }
}
