package dev.applc.compiler.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Compiler;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceSpan;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What diagnostics print is bounded and safe: at most 100 per file and a summary of the rest
 * (APL0012), control characters from the spec escaped in text and JSON, long words clipped, long
 * lines shown as a window with the carets still under the span.
 */
class DiagnosticsOutputTest {

  private static Result<Compilation> compile(String text) {
    return new Compiler(name -> Optional.empty()).compile(new SourceFile("t.appliance", text));
  }

  @Test
  void aHundredThousandProblemsPrintAHundredAndASummary() {
    StringBuilder text = new StringBuilder("applc 1\nappliance a {\n");
    for (int i = 0; i < 100_000; i++) {
      text.append("  sise").append(i).append(" = 1\n");
    }
    text.append("}\n");
    Result<Compilation> r = compile(text.toString());
    List<Diagnostic> shown = r.diagnostics();
    assertEquals(Diagnostics.MAX_PER_FILE + 1, shown.size());
    Diagnostic last = shown.get(shown.size() - 1);
    assertEquals(Code.TOO_MANY_DIAGNOSTICS, last.code());
    assertTrue(last.isError(), "the hidden ones are errors");
    assertTrue(last.message().startsWith("and "), last.message());
    assertTrue(last.span().startLine() > Diagnostics.MAX_PER_FILE / 2, "after the ones shown");
    assertTrue(r.hasErrors());
  }

  @Test
  void duplicatesAreDropped() {
    Diagnostics diagnostics = new Diagnostics();
    SourceFile file = new SourceFile("t", "x");
    for (int i = 0; i < 3; i++) {
      diagnostics.add(Diagnostic.error(Code.SYNTAX, SourceSpan.at(file, 0), "m"));
    }
    assertEquals(1, diagnostics.sorted().size());
    assertEquals(1, diagnostics.errorCount());
  }

  private static final String SPOOF = "\u001b[2K\r\u001b[1Achecked 1 file: no problems\u0007";

  @Test
  void controlCharactersAreEscapedInText() {
    Result<Compilation> r = compile("applc 1\n" + SPOOF + "\nappliance a {}\n");
    assertFalse(r.diagnostics().isEmpty());
    String text = new TextRenderer(false).render(r.diagnostics());
    for (char c : text.toCharArray()) {
      assertTrue(c == '\n' || !Printable.unsafe(c), () -> "raw control character in:\n" + text);
    }
    assertTrue(text.contains("\\u{1b}"), text);
  }

  @Test
  void controlCharactersAreEscapedInJson() {
    Result<Compilation> r = compile("applc 1\n" + SPOOF + "\u009b\nappliance a {}\n");
    String json = JsonRenderer.render(r.diagnostics());
    for (char c : json.toCharArray()) {
      assertTrue(c == '\n' || !Character.isISOControl(c), () -> "raw control character in " + json);
    }
  }

  @Test
  void caretsStayUnderTheSpanAfterTabsAndEscapes() {
    String text = "applc 1\nappliance a {\n\thostname = \"\u0007\"; sise = 1\n}\n";
    Result<Compilation> r = compile(text);
    Diagnostic unknown =
        r.diagnostics().stream()
            .filter(d -> d.code() == Code.UNKNOWN_PROPERTY)
            .findFirst()
            .orElseThrow();
    String[] lines = new TextRenderer(false).render(unknown).split("\n");
    String source = lines[3];
    String carets = lines[4];
    assertTrue(source.contains("\"\\u{7}\""), source);
    assertEquals(source.indexOf("sise"), carets.indexOf('^'), source + "\n" + carets);
    assertTrue(carets.contains("^^^^ "), carets);
  }

  @Test
  void longWordsAreClippedAndLongLinesWindowed() {
    String name = "s".repeat(500);
    Result<Compilation> r = compile("applc 1\nappliance a {\n  x = 1; " + name + " = 1\n}\n");
    Diagnostic d =
        r.diagnostics().stream().filter(x -> x.message().contains("sss")).findFirst().orElseThrow();
    assertTrue(d.message().contains("s…`"), d.message());
    assertTrue(d.message().length() < 200, d.message());
    String rendered = new TextRenderer(false).render(d);
    for (String line : rendered.split("\n")) {
      assertTrue(line.length() < 300, () -> "a long line: " + line.length());
    }
  }
}
