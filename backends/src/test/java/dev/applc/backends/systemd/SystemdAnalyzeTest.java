package dev.applc.backends.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.OperatingSystem.InitSystem;
import dev.applc.compiler.model.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** {@code systemd-analyze verify} accepts every unit and drop-in generated for every spec. */
class SystemdAnalyzeTest {
  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> systemdAnalyzeAcceptsEveryGeneratedUnit() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String spec : Specs.all()) {
      tests.add(DynamicTest.dynamicTest(spec, () -> verify(spec, Specs.compile(spec), spec)));
      for (Profile p : Specs.compile(spec).profiles()) {
        String name = spec + " --profile " + p.name();
        tests.add(
            DynamicTest.dynamicTest(
                name,
                () ->
                    verify(
                        spec,
                        Specs.profile(Specs.compile(spec), p.name()),
                        spec + "-" + p.name())));
      }
    }
    return tests.stream();
  }

  private void verify(String spec, Appliance a, String folder) throws Exception {
    RealTools.require("systemd-analyze");
    Specs.Output out = Specs.generate(a, Specs.file(spec)).clean();
    UnitRoot.Root root = UnitRoot.write(out.tree(), tmp.resolve(folder));
    if (a.os().init() == InitSystem.SYSVINIT) {
      assertEquals(List.of(), root.units(), spec + ": units on sysvinit");
    }
    if (!root.units().isEmpty()) {
      assertEquals(List.of(), Verify.problems(root), spec);
    }
  }

  /** The check is strict: what systemd only warns about fails it. */
  @Test
  void aRelativeExecStartOrAnUnknownKeyFailsTheCheck() throws Exception {
    RealTools.require("systemd-analyze");
    Specs.Output out = Specs.generate("minimal").clean();
    String good = out.text(SystemdBackend.unitPath("minimal-ready.service"));

    UnitRoot.Root root = UnitRoot.write(out.tree(), tmp.resolve("ok"));
    assertEquals(List.of(), Verify.problems(root));

    UnitRoot.Root relative = UnitRoot.write(out.tree(), tmp.resolve("relative"));
    Path unit = relative.dir().resolve(UnitRoot.UNIT_DIR).resolve("minimal-ready.service");
    Files.writeString(unit, good.replace("ExecStart=/bin/echo", "ExecStart=bin/echo"));
    List<String> problems = Verify.problems(relative);
    assertFalse(problems.isEmpty(), "a relative ExecStart= passed");
    assertTrue(problems.stream().anyMatch(l -> l.contains("bin/echo")), problems.toString());

    UnitRoot.Root unknown = UnitRoot.write(out.tree(), tmp.resolve("unknown"));
    unit = unknown.dir().resolve(UnitRoot.UNIT_DIR).resolve("minimal-ready.service");
    Files.writeString(unit, good.replace("Type=oneshot", "Type=oneshot\nExecStrat=/bin/true"));
    problems = Verify.problems(unknown);
    assertTrue(problems.stream().anyMatch(l -> l.contains("ExecStrat")), problems.toString());
  }
}
