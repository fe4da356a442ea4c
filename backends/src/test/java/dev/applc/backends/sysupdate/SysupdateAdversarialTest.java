package dev.applc.backends.sysupdate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.model.Appliance;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Hostile strings in every spec property that reaches a transfer file: each is either refused by
 * the compiler with a diagnostic at the string, or appears in the file so that systemd reads back
 * exactly what the spec said.
 */
class SysupdateAdversarialTest {
  /** Shell, INI and systemd metacharacters, and a path that climbs. */
  static final List<String> CORPUS =
      List.of(
          "%",
          "%A", "%%", "$HOME", "${x}", "`id`", "\"", "'", ";", "..", "../..", "a b", "#", "\\", "@",
          "@v");

  /** A spec string literal holding {@code s}. */
  static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private record Property(
      String name,
      Function<String, String> spec,
      BiConsumer<String, SpecFixtures.Generated> check) {}

  private static final String USR = SysupdateBackend.DEFINITIONS_DIR + "/11-usr.transfer";

  private static List<Property> properties() {
    List<Property> p = new ArrayList<>();
    p.add(
        new Property(
            "update.source",
            v -> Variants.trixie("    source = " + quoted("https://u.example.com/" + v + "/")),
            (v, g) -> {
              String path = IniFile.parse(g.file(USR)).require("Source", "Path");
              assertEquals("https://u.example.com/" + v + "/", IniFile.literalSpecifiers(path));
            }));
    p.add(
        new Property(
            "partition label",
            v ->
                Variants.usrLayout(
                    "trixie",
                    "  disk extends ab-verity-usr {\n"
                        + "    slots [a, b] { partition usr { label = "
                        + quoted("u" + v + "{slot}")
                        + " } }\n"
                        + "  }\n",
                    Variants.UKI + Variants.sysupdate(Variants.SOURCE)),
            (v, g) -> {
              String pattern = IniFile.parse(g.file(USR)).require("Target", "MatchPattern");
              SysupdatePattern parsed = SysupdatePattern.parse(IniFile.literalSpecifiers(pattern));
              assertEquals("u" + v + "a_1.0", parsed.expand(java.util.Map.of('v', "1.0")));
            }));
    p.add(
        new Property(
            "build.image-id",
            v ->
                Variants.usrLayout(
                    "trixie",
                    Variants.USR_DISK,
                    Variants.UKI
                        + Variants.sysupdate(Variants.SOURCE)
                        + "  build { image-id = "
                        + quoted("img" + v)
                        + " }\n"),
            (v, g) -> {
              String pattern = IniFile.parse(g.file(USR)).require("Source", "MatchPattern");
              SysupdatePattern parsed = SysupdatePattern.parse(IniFile.literalSpecifiers(pattern));
              assertTrue(
                  parsed
                      .expand(java.util.Map.of('v', "1.0", 'u', "u"))
                      .startsWith("img" + v + "_1.0."));
            }));
    return p;
  }

  @TestFactory
  Stream<DynamicTest> everyHostileStringIsRefusedOrReadBackExactly() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Property property : properties()) {
      for (String value : CORPUS) {
        tests.add(
            DynamicTest.dynamicTest(
                property.name() + " with " + value,
                () -> {
                  String text = property.spec().apply(value);
                  String written = quoted(value).substring(1, quoted(value).length() - 1);
                  Result<Compilation> r = SpecFixtures.compileText(text);
                  String rendered = new TextRenderer(false).render(r.diagnostics());
                  if (r.hasErrors()) {
                    // Refused where the string is written, not somewhere else.
                    assertTrue(
                        r.diagnostics().stream()
                            .filter(Diagnostic::isError)
                            .anyMatch(d -> d.span().text().contains(written)),
                        rendered);
                    return;
                  }
                  Appliance a = r.value().get().appliances().get(0);
                  SpecFixtures.Generated g = SpecFixtures.run(a, new SysupdateBackend());
                  if (g.rejected()) {
                    // The backend refuses what its format cannot hold, at the same place.
                    assertTrue(
                        g.diagnostics().stream()
                            .filter(Diagnostic::isError)
                            .anyMatch(d -> d.span().text().contains(written)),
                        g.rendered());
                    assertEquals(List.of(), g.paths());
                    return;
                  }
                  property.check().accept(value, g);
                  SysupdateConsistencyTest.check(a);
                }));
      }
    }
    return tests.stream();
  }
}
