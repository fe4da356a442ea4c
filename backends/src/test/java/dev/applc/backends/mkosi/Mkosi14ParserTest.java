package dev.applc.backends.mkosi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.backend.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * mkosi 14, Debian bookworm's, reads every tree written in its dialect: the bookworm specs as they
 * are, and every other spec generated as if it targeted bookworm. {@code mkosi summary} parses the
 * configuration and the default paths (the post-installation script must exist and be executable)
 * and needs no root. It fails on an unknown key or a bad value, which a broken copy proves.
 */
class Mkosi14ParserTest {
  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> mkosi14ReadsEveryTree() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String spec : MkosiSpecs.ALL) {
      tests.add(
          DynamicTest.dynamicTest(
              spec, () -> summary(spec, MkosiSpecs.generate(spec, MkosiSpecs.BOOKWORM))));
    }
    return tests.stream();
  }

  private void summary(String spec, MkosiSpecs.Outcome o) throws Exception {
    Tools.require("mkosi");
    Path dir = MkosiSpecs.writeMkosi(o.tree(), tmp.resolve(spec).resolve("mkosi"));
    String out = Tools.ok(dir, List.of("mkosi", "--directory=" + dir, "summary"));
    String conf = o.text(MkosiBackend.CONF);
    // What mkosi read is what the file says.
    assertEquals(setting(conf, "Format"), summaryValue(out, "Output Format"), out);
    assertEquals(setting(conf, "ImageId"), summaryValue(out, "Image ID"), out);
    assertEquals(setting(conf, "ImageVersion"), summaryValue(out, "Image Version"), out);
    assertEquals(setting(conf, "Release"), summaryValue(out, "Release"), out);
    if (o.tree().get(MkosiBackend.DIR + "/mkosi.postinst").isPresent()) {
      assertTrue(summaryValue(out, "Postinstall Script").endsWith("/mkosi.postinst"), out);
    }
    if (conf.contains("KernelCommandLine=") && conf.contains("Bootable=yes")) {
      assertTrue(summaryValue(out, "Kernel Command Line").startsWith("console="), out);
    }
  }

  @Test
  void theBookwormSpecsAreWrittenForMkosi14() {
    for (String spec : MkosiSpecs.V14) {
      assertEquals(14, Target.of(MkosiSpecs.appliance(spec).os()).mkosi());
      String conf = MkosiSpecs.generate(spec).text(MkosiBackend.CONF);
      assertTrue(conf.contains("A mkosi 14 configuration"), conf);
    }
  }

  @Test
  void mkosi14RefusesAnUnknownKeyAndABadValue() throws Exception {
    Tools.require("mkosi");
    MkosiSpecs.Outcome o = MkosiSpecs.generate("minimal");
    Path good = MkosiSpecs.writeMkosi(o.tree(), tmp.resolve("good").resolve("mkosi"));
    Tools.ok(good, List.of("mkosi", "--directory=" + good, "summary"));

    String conf = o.text(MkosiBackend.CONF);
    Path unknown = MkosiSpecs.writeMkosi(o.tree(), tmp.resolve("unknown").resolve("mkosi"));
    Files.writeString(
        unknown.resolve("mkosi.conf"), conf.replace("[Content]\n", "[Content]\nPackagez=vim\n"));
    Tools.Outcome r = Tools.run(unknown, List.of("mkosi", "--directory=" + unknown, "summary"));
    assertNotEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("unrecognized arguments: --packagez=vim"), r.output());

    Path bad = MkosiSpecs.writeMkosi(o.tree(), tmp.resolve("bad").resolve("mkosi"));
    Files.writeString(bad.resolve("mkosi.conf"), conf.replace("Bootable=yes", "Bootable=maybe"));
    r = Tools.run(bad, List.of("mkosi", "--directory=" + bad, "summary"));
    assertNotEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("Invalid literal for bool()"), r.output());
  }

  @Test
  void mkosi14NeedsAnExecutableScript() throws IOException, InterruptedException {
    Tools.require("mkosi");
    MkosiSpecs.Outcome o = MkosiSpecs.generate("minimal");
    Path dir = MkosiSpecs.writeMkosi(o.tree(), tmp.resolve("noexec").resolve("mkosi"));
    Path script = dir.resolve("mkosi.postinst");
    assertTrue(Files.isExecutable(script));
    script.toFile().setExecutable(false, false);
    Tools.Outcome r = Tools.run(dir, List.of("mkosi", "--directory=" + dir, "summary"));
    assertNotEquals(0, r.exit(), r.output());
  }

  static String setting(String conf, String key) {
    Matcher m = Pattern.compile("(?m)^" + key + "=(.*)$").matcher(conf);
    assertTrue(m.find(), key + "= in\n" + conf);
    return m.group(1);
  }

  static String summaryValue(String summary, String label) {
    Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(label) + ": (.*)$").matcher(summary);
    assertTrue(m.find(), label + " in\n" + summary);
    return m.group(1).strip();
  }
}
