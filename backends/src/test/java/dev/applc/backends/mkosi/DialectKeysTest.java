package dev.applc.backends.mkosi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.backend.OutputFile;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every setting of every generated configuration file is one the digest lists for its section in
 * the file's dialect. mkosi 25 cannot be installed here, so this is what proves the current
 * dialect; for mkosi 14 it adds the section check mkosi 14's own parser does not do.
 */
class DialectKeysTest {
  @TestFactory
  Stream<DynamicTest> everySettingIsInTheDigest() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String spec : MkosiSpecs.ALL) {
      tests.add(check(spec + " (own target)", MkosiSpecs.generate(spec)));
      tests.add(check(spec + " (bookworm)", MkosiSpecs.generate(spec, MkosiSpecs.BOOKWORM)));
      tests.add(check(spec + " (trixie)", MkosiSpecs.generate(spec, MkosiSpecs.TRIXIE)));
    }
    return tests.stream();
  }

  private static DynamicTest check(String name, MkosiSpecs.Outcome o) {
    return DynamicTest.dynamicTest(
        name,
        () -> {
          String conf = o.text(MkosiBackend.CONF);
          Dialect d = conf.contains("A mkosi 14 configuration") ? Dialect.V14 : Dialect.CURRENT;
          int files = 0;
          for (OutputFile f : o.tree().under(MkosiBackend.DIR)) {
            if (f.path().endsWith(".conf") && !f.path().startsWith(BuildPartitions.DIR)) {
              files++;
              assertEquals(List.of(), DigestKeys.problems(f.text(), d), f.path() + "\n" + f.text());
            }
          }
          assertTrue(files >= 1);
        });
  }

  @Test
  void theCheckerCatchesABrokenFile() {
    String good = MkosiSpecs.generate("loisto-console").text(MkosiBackend.CONF);
    assertEquals(List.of(), DigestKeys.problems(good, Dialect.CURRENT));
    assertEquals(
        1, DigestKeys.problems(good.replace("Bootable=", "Bootabel="), Dialect.CURRENT).size());
    assertEquals(
        1,
        DigestKeys.problems(good.replace("[Build]", "[Host]"), Dialect.CURRENT).size(),
        "[Host] is mkosi 14's");
    assertEquals(
        1,
        DigestKeys.problems(good.replace("Output=%i_%v", "Output=%i_%q"), Dialect.CURRENT).size());
    assertEquals(
        1,
        DigestKeys.problems(good + "\n[Build]\nToolsTree=default\n", Dialect.CURRENT).size(),
        "a section twice");
    // A key of the other dialect, or in the other dialect's section.
    assertEquals(
        1, DigestKeys.problems(good.replace("ExtraTrees=", "ExtraTree="), Dialect.CURRENT).size());
    String v14 = MkosiSpecs.generate("minimal").text(MkosiBackend.CONF);
    assertEquals(List.of(), DigestKeys.problems(v14, Dialect.V14));
    assertEquals(
        1,
        DigestKeys.problems(v14.replace("Bootable=yes", "[Content]\nBootable=yes"), Dialect.V14)
            .stream()
            .filter(p -> p.contains("has no Bootable="))
            .count());
  }
}
