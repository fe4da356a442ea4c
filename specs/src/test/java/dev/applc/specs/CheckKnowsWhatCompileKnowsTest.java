package dev.applc.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Profile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: a spec passed {@code applc check} and the language server, then {@code applc compile}
 * failed (APL0600, sysupdate on bookworm). Whatever compile reports, with or without a profile,
 * check reports too, at the same place: over every case of the diagnostics corpus and every spec
 * under specs/.
 */
class CheckKnowsWhatCompileKnowsTest {
  /** A rendered diagnostic's header and its {@code -->} location line. */
  private static final Pattern HEADER =
      Pattern.compile("(?m)^((?:error|warning|note)\\[APL\\d{4}\\]: .*)\\R\\s*--> (\\S+)$");

  @TempDir Path out;

  @TestFactory
  Stream<DynamicTest> everyDiagnosticOfCompileIsOneOfCheck() throws IOException {
    Path root = SpecFolders.repoRoot();
    List<Path> files = new ArrayList<>(DiagnosticsCorpusTest.cases(root));
    for (String folder : SpecFolders.all()) {
      files.add(root.resolve(SpecFolders.specFile(folder)));
    }
    return files.stream()
        .map(f -> DynamicTest.dynamicTest(root.relativize(f).toString(), () -> compare(root, f)));
  }

  /** The case the issue reported, named so that it stays covered whatever the corpus holds. */
  @Test
  void checkReportsSysupdateOnBookworm() {
    Path spec =
        SpecFolders.repoRoot().resolve("specs/diagnostics/update/sysupdate-on-bookworm.appliance");
    CliTest.Run check = CliTest.run("check", "--color=never", spec.toString());
    assertEquals(1, check.exit(), check.err());
    assertTrue(
        check.err().contains("error[APL0600]: debian bookworm has no systemd-sysupdate"),
        check.err());
    assertTrue(check.err().contains("sysupdate-on-bookworm.appliance:21:3"), check.err());
  }

  private void compare(Path root, Path file) {
    String spec = file.toString();
    Set<String> checked = reported(CliTest.run("check", "--color=never", spec).err());
    List<String> profiles = new ArrayList<>();
    profiles.add(null);
    DiagnosticsCorpusTest.compile(root, file)
        .value()
        .ifPresent(
            c -> {
              for (Appliance a : c.appliances()) {
                a.profiles().stream().map(Profile::name).forEach(profiles::add);
              }
            });
    for (String profile : profiles) {
      List<String> args = new ArrayList<>(List.of("compile", "--color=never", spec));
      args.addAll(List.of("-o", out.resolve("out").toString()));
      if (profile != null) {
        args.addAll(List.of("--profile", profile));
      }
      CliTest.Run compile = CliTest.run(args.toArray(String[]::new));
      Set<String> missing = reported(compile.err());
      missing.removeAll(checked);
      assertTrue(
          missing.isEmpty(),
          () ->
              "compile"
                  + (profile == null ? "" : " --profile " + profile)
                  + " reports what check does not: "
                  + missing);
    }
  }

  private static Set<String> reported(String rendered) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = HEADER.matcher(rendered);
    while (m.find()) {
      out.add(m.group(1) + " at " + m.group(2));
    }
    return out;
  }
}
