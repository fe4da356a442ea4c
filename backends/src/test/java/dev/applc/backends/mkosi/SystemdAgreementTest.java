package dev.applc.backends.mkosi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.applc.backends.repart.RepartBackend;
import dev.applc.compiler.backend.Backend;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.backend.Target;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.OperatingSystem;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A mkosi build and applc's own build leave the same units enabled and masked: the post-install
 * script enables and masks exactly what the systemd backend lists for the build ({@code
 * build/systemd/enable.list}, {@code mask.list}). The systemd backend is looked up by name, so this
 * test waits for it rather than depending on its package.
 */
class SystemdAgreementTest {
  static final String SYSTEMD = "dev.applc.backends.systemd.SystemdBackend";

  static Optional<Backend> systemd() {
    try {
      return Optional.of(
          Class.forName(SYSTEMD).asSubclass(Backend.class).getDeclaredConstructor().newInstance());
    } catch (ReflectiveOperationException e) {
      return Optional.empty();
    }
  }

  static List<String> units(String list) {
    return list.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
  }

  static List<String> calls(String script, String verb) {
    String prefix = "systemctl " + verb + " '";
    return script
        .lines()
        .filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length(), l.length() - 1))
        .toList();
  }

  @TestFactory
  Stream<DynamicTest> sameUnitsAsTheSystemdBackend() {
    return MkosiSpecs.ALL.stream()
        .map(
            spec ->
                DynamicTest.dynamicTest(
                    spec,
                    () -> {
                      Optional<Backend> systemd = systemd();
                      assumeTrue(systemd.isPresent(), "no systemd backend yet");
                      Appliance a = MkosiSpecs.appliance(spec);
                      assumeTrue(a.os().init() == OperatingSystem.InitSystem.SYSTEMD);
                      OutputTree out = new OutputTree();
                      BackendContext ctx =
                          new BackendContext(a, Target.of(a.os()), spec, out, new Diagnostics());
                      for (Backend b :
                          List.of(new RepartBackend(), systemd.get(), new MkosiBackend())) {
                        b.generate(ctx);
                      }
                      Dialect d = Dialect.of(ctx.target());
                      String script =
                          out.get(MkosiBackend.DIR + "/" + d.postinstName()).orElseThrow().text();
                      String masks =
                          out.get("build/systemd/mask.list").map(f -> f.text()).orElse("");
                      String enables =
                          out.get("build/systemd/enable.list").map(f -> f.text()).orElse("");
                      assertEquals(units(masks), calls(script, "mask"), script);
                      assertEquals(units(enables), calls(script, "enable"), script);
                    }));
  }
}
