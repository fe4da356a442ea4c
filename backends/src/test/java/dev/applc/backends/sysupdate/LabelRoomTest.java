package dev.applc.backends.sysupdate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.model.Appliance;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A label too long for sysupdate's {@code _VERSION} is the compiler's to catch (APL0203): the
 * backend trusts the checked model and has no label rule of its own.
 */
class LabelRoomTest {
  private static String withUsrLabel(String label) {
    return Variants.usrLayout(
        "trixie",
        "  disk extends ab-verity-usr {\n"
            + "    slots [a, b] { partition usr { label = \""
            + label
            + "\" } }\n"
            + "  }\n",
        Variants.UKI + Variants.sysupdate(Variants.SOURCE));
  }

  @Test
  void aLabelThatLeavesExactlyTheRoomCompilesAndFits() {
    // usr-images-a-verity is 19 characters: with `_` and 16 for the version, 36.
    Appliance a = SpecFixtures.applianceOf(withUsrLabel("usr-images-{slot}"));
    SysupdateConsistencyTest.check(a);
  }

  @Test
  void oneCharacterMoreIsApl0203FromTheCompiler() {
    Result<Compilation> r = SpecFixtures.compileText(withUsrLabel("usr-imagess-{slot}"));
    String rendered = new TextRenderer(false).render(r.diagnostics());
    assertTrue(r.hasErrors(), rendered);
    List<Diagnostic> errors = r.diagnostics().stream().filter(Diagnostic::isError).toList();
    assertTrue(errors.stream().allMatch(d -> d.code() == Code.LABEL_NO_ROOM_FOR_VERSION), rendered);
    assertTrue(
        errors.stream().anyMatch(d -> d.message().contains("usr-imagess-a-verity")), rendered);

    // The model the compiler built anyway goes through the backend without a word: the check is
    // not duplicated there, and what it would write shows why the compiler must stop it.
    Appliance a = r.value().orElseThrow().appliances().get(0);
    SpecFixtures.Generated g = SpecFixtures.run(a, new SysupdateBackend());
    assertEquals(List.of(), g.diagnostics());
    String pattern =
        IniFile.parse(g.file(SysupdateBackend.DEFINITIONS_DIR + "/10-usr-verity.transfer"))
            .require("Target", "MatchPattern");
    String label = pattern.replace("@v", "7".repeat(16));
    assertEquals(37, label.length());
    assertFalse(label.length() <= 36);
  }
}
