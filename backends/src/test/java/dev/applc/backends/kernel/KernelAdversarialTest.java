package dev.applc.backends.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.backends.sysupdate.SpecFixtures;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.sema.Profiles;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Hostile strings in every spec property that reaches the kernel command line (kernel arguments, a
 * profile's arguments, the board's console): each is refused with a diagnostic at the string, or
 * stands on the command line as exactly the one parameter the spec wrote. The kernel has no
 * escapes, so "escaped correctly" means: the kernel's own splitting gives the string back.
 */
class KernelAdversarialTest {
  static final List<String> CORPUS =
      List.of(
          "%",
          "%A",
          "$HOME",
          "${x}",
          "`id`",
          "$(id)",
          "\"",
          "'",
          "a'b",
          ";",
          "a;reboot",
          "..",
          "../..",
          "x=../../etc",
          "a b",
          "key=\"a b\"",
          "key=\"a;$b`c`\"",
          "key=\"a\"b\"",
          "#",
          "\\",
          "@ROOTHASH@",
          "x=@USRHASH@",
          "é",
          "\u00a0",
          "--",
          "a\tb");

  static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t") + "\"";
  }

  /** The kernel's splitting of a command line (lib/cmdline.c next_arg): quotes group blanks. */
  static List<String> kernelSplit(String line) {
    List<String> params = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inQuote = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        inQuote = !inQuote;
      }
      if (!inQuote && (c == ' ' || c == '\t' || c == '\n')) {
        if (current.length() > 0) {
          params.add(current.toString());
          current.setLength(0);
        }
        continue;
      }
      current.append(c);
    }
    if (current.length() > 0) {
      params.add(current.toString());
    }
    return params;
  }

  private record Property(
      String name, java.util.function.Function<String, String> spec, String prefix) {}

  private static List<Property> properties() {
    return List.of(
        new Property(
            "kernel.cmdline",
            v ->
                KernelVariants.appliance(
                    "bookworm",
                    KernelVariants.ROOT_DISK,
                    "  kernel { cmdline = [" + quoted(v) + "] }\n"),
            ""),
        new Property(
            "profile cmdline",
            v ->
                KernelVariants.appliance(
                    "bookworm",
                    KernelVariants.ROOT_DISK,
                    "  profile dev { cmdline = [" + quoted(v) + "] }\n"),
            ""),
        new Property(
            "board console",
            v -> KernelVariants.withConsole(quoted("ttyS0" + v)),
            "console=ttyS0"));
  }

  @TestFactory
  Stream<DynamicTest> everyHostileStringIsRefusedOrStandsAsOneParameter() {
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
                  if (r.hasErrors()) {
                    assertTrue(
                        r.diagnostics().stream()
                            .filter(Diagnostic::isError)
                            .anyMatch(d -> d.span().text().contains(written)),
                        new TextRenderer(false).render(r.diagnostics()));
                    return;
                  }
                  var a = r.value().get().appliances().get(0);
                  if (property.name().startsWith("profile")) {
                    a = Profiles.apply(a, a.profile("dev").orElseThrow());
                  }
                  SpecFixtures.Generated g = SpecFixtures.run(a, new KernelBackend());
                  if (g.rejected()) {
                    assertTrue(
                        g.diagnostics().stream()
                            .filter(Diagnostic::isError)
                            .allMatch(
                                d ->
                                    d.code() == Code.UNSAFE_STRING
                                        || d.code() == Code.CONFLICTING_SETTINGS),
                        g.rendered());
                    assertTrue(
                        g.diagnostics().stream()
                            .filter(Diagnostic::isError)
                            .anyMatch(d -> d.span().text().contains(written)),
                        g.rendered());
                    return;
                  }
                  String file = g.file(KernelBackend.CMDLINE);
                  assertEquals(1, file.lines().count(), file);
                  List<String> params = kernelSplit(file.strip());
                  assertTrue(
                      params.contains(property.prefix() + value),
                      "`" + value + "` is one parameter of " + params);
                  // No placeholder appears that the compiler did not put there itself.
                  assertTrue(
                      params.stream()
                          .filter(p -> p.contains("@"))
                          .allMatch(
                              p -> p.startsWith("roothash=") || p.startsWith("systemd.verity_")),
                      params.toString());
                }));
      }
    }
    return tests.stream();
  }
}
