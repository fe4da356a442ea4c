package dev.applc.compiler.syntax;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceSpan;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parser's messages, exactly: for each malformed input, the first diagnostic in source order as
 * {@code LINE:COL message}. A change of wording or place shows up here as a diff to review.
 *
 * <p>Each input must also still give a tree (partial after the error) whose spans lie in the file,
 * and the formatter must print that tree without losing a comment.
 */
class ParserMessagesTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        row(
            "missing } at the end of the file",
            "applc 1\nappliance a {\n  version = \"1\"\n",
            "3:16 expected a property (`name = value`) or a block (`name { ... }`) or `}`, found the end of the file"),
        row(
            "missing } of a nested block",
            "applc 1\nappliance a {\n  os debian bookworm {\n    mirror = \"m\"\n}\n",
            "5:2 expected a property (`name = value`) or a block (`name { ... }`) or `}`, found the end of the file"),
        row(
            "extra } after a declaration",
            "applc 1\nappliance a {\n}\n}\n",
            "4:1 expected a declaration such as `appliance NAME { ... }`, found `}`"),
        row(
            "extra } on the declaration's line",
            "applc 1\nappliance a { b = 1 } }\n",
            "2:23 expected a declaration such as `appliance NAME { ... }`, found `}`"),
        row(
            "missing value after =",
            "applc 1\nappliance a {\n  version =\n}\n",
            "4:1 expected a value (a string, number, name or list), found `}`"),
        row(
            "missing value before ;",
            "applc 1\nappliance a { b = ; }\n",
            "2:19 expected a value (a string, number, name or list), found `;`"),
        row(
            "missing = between key and value",
            "applc 1\nappliance a {\n  version \"1\"\n}\n",
            "4:1 expected a label, `extends` or `{`, found `}`"),
        row(
            "missing key before =",
            "applc 1\nappliance a {\n  = 3\n}\n",
            "3:3 expected a property (`name = value`) or a block (`name { ... }`) or `}`, found `=`"),
        row(
            "two = in a property",
            "applc 1\nappliance a { b = c = d }\n",
            "2:21 expected a property (`name = value`) or a block (`name { ... }`) or `}`, found `=`"),
        row(
            "two values in a property",
            "applc 1\nappliance a {\n  size = 512M 3\n}\n",
            "3:15 expected a property (`name = value`) or a block (`name { ... }`) or `}`, found the number `3`"),
        row(
            "a unit apart from its number",
            "applc 1\nappliance a {\n  size = 4 G\n}\n",
            "3:10 a space between the number `4` and its unit `G`"),
        row(
            "a unit apart from its number, lines before the end of the block",
            "applc 1\nappliance a {\n  size = 4 GiB\n  type = root\n  b { c = 1 }\n}\n",
            "3:10 a space between the number `4` and its unit `GiB`"),
        row(
            "unterminated string",
            "applc 1\nappliance a {\n  version = \"1\n}\n",
            "3:13 this string is not closed"),
        row(
            "string whose last quote is escaped",
            "applc 1\nappliance a { b = \"x\\\" }\n",
            "2:19 this string is not closed"),
        row(
            "unterminated text block",
            "applc 1\nappliance a {\n  motd = \"\"\"hello\n}\n",
            "3:10 this text block is not closed"),
        row(
            "bad character in a value",
            "applc 1\nappliance a {\n  version = $1\n}\n",
            "3:13 unexpected character `$`"),
        row(
            "bad character in a name",
            "applc 1\npartition e%p {}\n",
            "2:12 unexpected character `%`"),
        row("backtick", "applc 1\nappliance a { b = ` }\n", "2:19 unexpected backtick"),
        row(
            "bad escape in a string",
            "applc 1\nappliance a {\n  version = \"a\\qb\"\n}\n",
            "3:15 unknown escape `\\q` in a string"),
        row(
            "missing header version",
            "applc\nappliance a {}\n",
            "2:1 expected a number, found the name `appliance`"),
        row("header version is a name", "applc x\n", "1:7 expected a number, found the name `x`"),
        row(
            "header version is punctuation",
            "applc =\nappliance a {}\n",
            "1:7 expected a number, found `=`"),
        row(
            "header after an import",
            "applc 1\nimport std:boards/x\napplc 1\n",
            "3:1 expected a declaration such as `appliance NAME { ... }`, found `applc`"),
        row(
            "unclosed list before }",
            "applc 1\nappliance a {\n  packages = [a, b\n}\n",
            "4:1 expected `,` or `]`, found `}`"),
        row(
            "unclosed list at the end of the file",
            "applc 1\nappliance a {\n  packages = [a, b,\n",
            "3:20 expected `,` or `]`, found the end of the file"),
        row(
            "missing comma in a list",
            "applc 1\nappliance a {\n  packages = [a b]\n}\n",
            "3:17 expected `,` or `]`, found the name `b`"),
        row(
            "double comma in a list",
            "applc 1\nappliance a { b = [1,,2] }\n",
            "2:22 expected `,` or `]`, found `,`"),
        row(
            "comma alone in a list",
            "applc 1\nappliance a { b = [,] }\n",
            "2:20 expected a value (a string, number, name or list) or `]`, found `,`"),
        row(
            "extra ] after a list",
            "applc 1\nappliance a { b = [a, b]] }\n",
            "2:25 expected a property (`name = value`) or a block (`name { ... }`) or `}`, found `]`"),
        row(
            "call without )",
            "applc 1\nappliance a {\n  verity = signed(db\n}\n",
            "4:1 expected `,` or `)`, found `}`"),
        row(
            "call closed with ]",
            "applc 1\nappliance a { b = f(x] }\n",
            "2:22 expected `,` or `)`, found `]`"),
        row(
            "trailing comma in a call",
            "applc 1\nappliance a { b = f(1,) }\n",
            "2:23 expected a value (a string, number, name or list), found `)`"),
        row(
            "value starting with )",
            "applc 1\nappliance a { b = ) }\n",
            "2:19 expected a value (a string, number, name or list), found `)`"),
        row(
            "import without target",
            "applc 1\nimport\nappliance a {}\n",
            "3:1 expected a string or `std:...`, found the name `appliance`"),
        row(
            "import of a bare name",
            "applc 1\nimport foo\n",
            "2:8 expected a string or `std:...`, found the name `foo`"),
        row(
            "import with an unterminated path",
            "applc 1\nimport \"x.appliance\n",
            "2:8 this string is not closed"),
        row(
            "label that is a number",
            "applc 1\npartition 12 {}\n",
            "2:11 expected `=`, a label or `{` after `partition`, found the number `12`"),
        row(
            "extends without a parent",
            "applc 1\npartition esp extends {}\n",
            "2:23 expected a name, found `{`"),
        row(
            "label after extends",
            "applc 1\nappliance \"x\" [a, b] extends c d {}\n",
            "2:32 expected `{`, found the name `d`"),
        row(
            "unclosed list label",
            "applc 1\nappliance a { slots [a, {} }\n",
            "2:25 expected `,` or `]`, found `{`"),
        row(
            "declaration without a body",
            "applc 1\nappliance a\n",
            "2:12 expected a label, `extends` or `{`, found the end of the file"),
        row(
            "stray ; in a block",
            "applc 1\nappliance a { ; }\n",
            "2:15 expected a property (`name = value`) or a block (`name { ... }`) or `}`, found `;`"));
  }

  private static Arguments row(String name, String input, String expected) {
    return Arguments.of(name, input, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void firstMessage(String name, String input, String expected) {
    Diagnostics diagnostics = new Diagnostics();
    SpecParser.parse(new SourceFile("case.appliance", input), diagnostics);
    List<Diagnostic> all = diagnostics.sorted();
    assertFalse(all.isEmpty(), "no diagnostic for: " + name);
    Diagnostic first = all.get(0);
    SourceSpan span = first.span();
    assertEquals(expected, span.startLine() + ":" + span.startColumn() + " " + first.message());
    assertEquals(Code.SYNTAX, first.code());
    assertTrue(first.help().isPresent(), "a syntax error says how to fix it");
    String rendered = new TextRenderer(false).render(first);
    assertTrue(rendered.contains("--> case.appliance:" + span.startLine()), rendered);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void alwaysReturnsATree(String name, String input, String expected) {
    SourceFile file = new SourceFile("case.appliance", input + "# a comment at the end\n");
    Ast.SpecFile tree = SpecParser.parse(file, new Diagnostics());
    assertNotNull(tree);
    assertSpansInFile(tree);
    String formatted = assertDoesNotThrow(() -> Formatter.format(tree));
    Ast.SpecFile again =
        SpecParser.parse(new SourceFile("formatted", formatted), new Diagnostics());
    assertEquals(
        tree.comments().size(), again.comments().size(), "comments kept in:\n" + formatted);
  }

  @Test
  void partialTreesKeepWhatCouldBeRead() {
    assertEquals(
        "applc 1\n\nappliance a {\n  version = \"1\"\n}\n",
        partial("applc 1\nappliance a {\n  version = \"1\"\n"));
    assertEquals(
        "applc 1\n\nappliance a {\n  packages = [a, b]\n}\n",
        partial("applc 1\nappliance a {\n  packages = [a, b\n}\n"));
    assertEquals(
        "applc 1\n\nappliance a {\n  verity = signed(db)\n}\n",
        partial("applc 1\nappliance a {\n  verity = signed(db\n}\n"));
    assertEquals(
        "applc 1\n\nappliance a { b = 1 }\n\nboard c {}\n",
        partial("applc 1\nappliance a { b = 1 } }\nboard c {}\n"));
  }

  @Test
  void wellFormedInputHasNoDiagnostics() {
    Diagnostics diagnostics = new Diagnostics();
    SpecParser.parse(
        new SourceFile(
            "ok.appliance",
            "applc 1\nimport std:boards/x\nimport \"local.appliance\"\n"
                + "appliance a {\n  b = [1, 0x10, \"s\", f(x), [c]]; d = 2\n"
                + "  slots [a, b] { partition p extends q {} }\n}\n"),
        diagnostics);
    assertEquals(List.of(), diagnostics.sorted());
  }

  @Test
  void aUnitApartFromItsNumberIsTheOneError() {
    Diagnostics diagnostics = new Diagnostics();
    Ast.SpecFile tree =
        SpecParser.parse(
            new SourceFile(
                "case.appliance",
                "applc 1\nappliance a {\n  size = 4 G\n  type = root\n  b { c = 1 }\n}\n"),
            diagnostics);
    assertEquals(1, diagnostics.sorted().size(), diagnostics.sorted().toString());
    assertEquals(
        "applc 1\n\nappliance a {\n  size = 4\n  type = root\n  b { c = 1 }\n}\n",
        Formatter.format(tree));
  }

  @Test
  void aNameAfterANumberThatStartsAStatementIsNoUnit() {
    Diagnostics diagnostics = new Diagnostics();
    SpecParser.parse(
        new SourceFile("ok.appliance", "applc 1\nappliance a { b = 4 c = 5; d = 4 e {} }\n"),
        diagnostics);
    assertEquals(List.of(), diagnostics.sorted());
  }

  private static String partial(String input) {
    Diagnostics diagnostics = new Diagnostics();
    Ast.SpecFile tree = SpecParser.parse(new SourceFile("case.appliance", input), diagnostics);
    assertTrue(diagnostics.hasErrors());
    return Formatter.format(tree);
  }

  private static void assertSpansInFile(Ast.SpecFile tree) {
    assertInFile(tree, tree.span());
    tree.header().ifPresent(h -> assertInFile(tree, h.span(), h.versionSpan()));
    tree.imports().forEach(i -> assertInFile(tree, i.span()));
    tree.comments().forEach(c -> assertInFile(tree, c.span()));
    tree.statements().forEach(s -> assertStatementInFile(tree, s));
  }

  private static void assertStatementInFile(Ast.SpecFile tree, Ast.Statement s) {
    assertInFile(tree, s.span());
    if (s instanceof Ast.Property p) {
      assertInFile(tree, p.key().span());
      assertValueInFile(tree, p.value());
    } else if (s instanceof Ast.Block b) {
      assertInFile(tree, b.kind().span());
      b.labels().forEach(l -> assertValueInFile(tree, l));
      b.parent().ifPresent(p -> assertInFile(tree, p.span()));
      b.body().forEach(inner -> assertStatementInFile(tree, inner));
    }
  }

  private static void assertValueInFile(Ast.SpecFile tree, Ast.Value v) {
    assertInFile(tree, v.span());
    if (v instanceof Ast.CallValue c) {
      assertInFile(tree, c.function().span());
      c.arguments().forEach(a -> assertValueInFile(tree, a));
    } else if (v instanceof Ast.ListValue l) {
      l.items().forEach(i -> assertValueInFile(tree, i));
    }
  }

  private static void assertInFile(Ast.SpecFile tree, SourceSpan... spans) {
    for (SourceSpan span : spans) {
      assertTrue(
          span.file() == tree.source() && span.end() <= tree.source().text().length(),
          () -> "span " + span + " outside the file");
    }
  }
}
