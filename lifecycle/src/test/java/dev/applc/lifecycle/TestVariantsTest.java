package dev.applc.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.backends.Backends;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.driver.Compiler;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The three versions `applc test` builds, as generated trees: agent, version, fault. */
class TestVariantsTest {
  private static final String FAULT =
      "/usr/lib/systemd/system/minimal-ready.service.d/90-applc-test-fault.conf";
  private static final String FILES = "build/phases/20-files.sh";

  private static Appliance minimalSigned() throws Exception {
    Path repo = Path.of("").toAbsolutePath().getParent();
    String text = Files.readString(repo.resolve("specs/minimal-signed/minimal-signed.appliance"));
    var r =
        new Compiler(SourceProvider.fileSystem(repo))
            .compile(new SourceFile("minimal-signed.appliance", text));
    assertTrue(r.diagnostics().isEmpty(), r.diagnostics().toString());
    return r.value().orElseThrow().appliances().get(0);
  }

  private static OutputTree tree(Appliance a) {
    Diagnostics d = new Diagnostics();
    OutputTree t = Backends.generate(a, "minimal-signed.appliance", d);
    assertTrue(d.sorted().stream().noneMatch(x -> x.isError()), d.sorted().toString());
    return t;
  }

  @Test
  void everyVersionHasTheAgentEnabledAndOnlyTheBrokenOneTheFault() throws Exception {
    Appliance a = minimalSigned();
    assertEquals("minimal-ready.service", TestVariants.healthUnit(a).orElseThrow());
    assertEquals(java.util.Optional.empty(), LifecycleTest.unsupported(a));
    for (int step = 0; step < 3; step++) {
      Appliance v = TestVariants.of(a, step, step == 2);
      assertEquals(step == 0 ? "0.1.0" : "0.1.0." + step, v.version());
      OutputTree t = tree(v);
      String files = t.get(FILES).orElseThrow().text();
      assertTrue(files.contains(TestVariants.AGENT), "the files phase writes the agent");
      assertTrue(
          t.get("build/systemd/enable.list").orElseThrow().text().contains(TestVariants.AGENT_UNIT),
          "the agent is enabled");
      assertEquals(step == 2, files.contains(FAULT), "fault in version " + v.version());
      assertTrue(
          t.get("bundle/manifest.raucm").orElseThrow().text().contains("version=" + v.version()));
    }
    // The spec's own build has no agent.
    assertFalse(tree(a).get(FILES).orElseThrow().text().contains(TestVariants.AGENT));
  }
}
