package dev.applc.compiler.sema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Fix;
import org.junit.jupiter.api.Test;

/** A missing required setting comes with a quick fix that inserts it where it belongs. */
class RequirementsTest {

  private static String applyFirstFix(String text) {
    var r = TestSpecs.compile(text);
    Diagnostic d = r.diagnostics().get(0);
    assertEquals("APL0106", d.code().id(), d.message());
    Fix fix = d.fix().orElseThrow();
    return text.substring(0, fix.span().start())
        + fix.replacement()
        + text.substring(fix.span().end());
  }

  @Test
  void insertsALineBeforeTheClosingBrace() {
    String text = TestSpecs.appliance("    partition esp {\n      type = esp\n    }", "");
    String fixed = applyFirstFix(text);
    assertEquals(
        text.replace("      type = esp\n    }", "      type = esp\n      size = 1G\n    }"), fixed);
    assertEquals(0, TestSpecs.compile(fixed).diagnostics().size(), fixed);
  }

  @Test
  void insertsIntoAOneLineBlock() {
    String text = TestSpecs.appliance("    partition esp { type = esp }", "");
    String fixed = applyFirstFix(text);
    assertEquals(text.replace("{ type = esp }", "{ type = esp; size = 1G }"), fixed);
  }
}
