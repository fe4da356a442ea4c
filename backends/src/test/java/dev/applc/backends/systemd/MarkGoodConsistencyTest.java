package dev.applc.backends.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.UpdatePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * For every spec that updates with rollback, the generated files, read back, mark a boot good only
 * after the spec's {@code good-when} unit: the mark-good unit exists, is enabled, and is ordered
 * {@code After=} and {@code Requires=} that unit (RAUC); or boot-complete.target needs it
 * (sysupdate).
 */
class MarkGoodConsistencyTest {
  @TestFactory
  Stream<DynamicTest> theMarkGoodUnitIsOrderedAsTheSpecSays() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String spec : Specs.all()) {
      Appliance a = Specs.compile(spec);
      if (a.update().isPresent()) {
        tests.add(DynamicTest.dynamicTest(spec, () -> check(spec, a)));
      }
    }
    assertTrue(tests.size() >= 3, "the specs have fewer updating appliances than expected");
    return tests.stream();
  }

  private static void check(String spec, Appliance a) {
    Specs.Output out = Specs.generate(a, Specs.file(spec)).clean();
    UpdatePolicy u = a.update().orElseThrow();
    Optional<String> goodWhen = u.rollback().goodWhen();
    String preset = out.text(SystemdBackend.PRESET_DIR + "/50-" + a.name() + ".preset");
    if (u.method() == UpdatePolicy.Method.RAUC) {
      UnitFile good = UnitFile.parse(out.text(SystemdBackend.unitPath(MarkGood.RAUC_UNIT)));
      assertTrue(good.value("Service", "ExecStart").endsWith("rauc status mark-good"));
      assertEquals("oneshot", good.value("Service", "Type"));
      assertTrue(good.units("Install", "WantedBy").contains("multi-user.target"));
      assertTrue(preset.contains("\nenable " + MarkGood.RAUC_UNIT + "\n"), preset);
      goodWhen.ifPresent(
          g -> {
            assertTrue(good.units("Unit", "After").contains(g), "After= " + g);
            assertTrue(good.units("Unit", "Requires").contains(g), "Requires= " + g);
            // The good-when unit is one the spec defines, the session's, or one the image has.
            assertTrue(
                a.os().content().units().stream().anyMatch(d -> d.name().equals(g))
                    || a.session().map(s -> s.unit().equals(g)).orElse(false)
                    || a.os().enable().contains(g)
                    || g.endsWith(".target"),
                g + " is neither defined nor enabled");
          });
    } else {
      String g = goodWhen.orElse(MarkGood.BOOT_COMPLETE);
      if (!g.equals(MarkGood.BOOT_COMPLETE)) {
        UnitFile dropIn =
            UnitFile.parse(
                out.text(
                    SystemdBackend.unitPath(
                        MarkGood.BOOT_COMPLETE + ".d/50-" + a.name() + "-good-when.conf")));
        assertTrue(dropIn.units("Unit", "After").contains(g));
        assertTrue(dropIn.units("Unit", "Requires").contains(g));
      }
    }
  }
}
