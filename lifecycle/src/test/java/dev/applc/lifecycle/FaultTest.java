package dev.applc.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.backends.Backends;
import dev.applc.compiler.backend.OutputFile;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.driver.Compiler;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What each fault of `applc test --break` changes, on the trees of both test appliances: one
 * version's generated files (or, for the keyring, the device just before its scenario), and nothing
 * else. `LifecycleImageTest` shows in QEMU that the scenario then fails.
 */
class FaultTest {
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();
  private static final String UNITS = "rootfs/usr/lib/systemd/system/";

  private static Appliance spec(String name) throws Exception {
    String text = Files.readString(REPO.resolve("specs/" + name + "/" + name + ".appliance"));
    var r =
        new Compiler(SourceProvider.fileSystem(REPO))
            .compile(new SourceFile(name + ".appliance", text));
    assertTrue(r.diagnostics().stream().noneMatch(d -> d.isError()), r.diagnostics().toString());
    return r.value().orElseThrow().appliances().get(0);
  }

  /** Version N+{@code step}'s tree as text, with and without the fault. */
  private static Map<String, SortedMap<String, String>> trees(Appliance a, Fault f, int step) {
    Appliance v = TestVariants.of(a, step, step == 2);
    OutputTree tree = Backends.generate(v, a.name() + ".appliance", new Diagnostics());
    return Map.of("plain", text(tree), "broken", text(f.patch(tree, a, step)));
  }

  private static SortedMap<String, String> text(OutputTree t) {
    SortedMap<String, String> m = new TreeMap<>();
    for (OutputFile f : t.files()) {
      m.put(f.path(), f.text());
    }
    return m;
  }

  /** The files {@code f} changes in version N+{@code step}: path to the broken text. */
  private static SortedMap<String, String> changed(Appliance a, Fault f, int step) {
    Map<String, SortedMap<String, String>> t = trees(a, f, step);
    SortedMap<String, String> out = new TreeMap<>();
    t.get("broken")
        .forEach(
            (path, text) -> {
              if (!text.equals(t.get("plain").get(path))) {
                out.put(path, text);
              }
            });
    assertTrue(t.get("broken").keySet().containsAll(t.get("plain").keySet()), "no file is removed");
    return out;
  }

  /** Asserts that {@code f} changes only version N+{@code at} of {@code a}; returns the change. */
  private static SortedMap<String, String> onlyIn(Appliance a, Fault f, int at, int versions) {
    for (int step = 0; step < versions; step++) {
      if (step != at) {
        assertEquals(Map.of(), changed(a, f, step), f.id() + " in version N+" + step);
      }
    }
    SortedMap<String, String> c = changed(a, f, at);
    assertFalse(c.isEmpty(), f.id() + " changes version N+" + at);
    return c;
  }

  @Test
  void aFailingUnitIsEnabledInVersionN() throws Exception {
    for (String name : new String[] {"minimal-signed", "minimal-sysupdate"}) {
      Appliance a = spec(name);
      SortedMap<String, String> c = onlyIn(a, Fault.FAILED_UNIT, 0, 3);
      assertTrue(c.get(UNITS + "applc-test-failing.service").contains("ExecStart=/usr/bin/false"));
      assertTrue(c.get("build/systemd/enable.list").endsWith("\napplc-test-failing.service\n"));
      assertTrue(
          c.get("rootfs/usr/lib/systemd/system-preset/50-" + name + ".preset")
              .endsWith("enable applc-test-failing.service\n"));
    }
  }

  @Test
  void nothingMarksVersionNPlusOneGood() throws Exception {
    SortedMap<String, String> rauc = onlyIn(spec("minimal-signed"), Fault.MARK_GOOD, 1, 3);
    assertEquals(
        java.util.Set.of(UNITS + "rauc-mark-good.service.d/90-applc-test-fault.conf"),
        rauc.keySet());
    SortedMap<String, String> sysupdate = onlyIn(spec("minimal-sysupdate"), Fault.MARK_GOOD, 1, 4);
    String dropIn = UNITS + "systemd-bless-boot.service.d/90-applc-test-fault.conf";
    assertEquals(java.util.Set.of(dropIn), sysupdate.keySet());
    assertTrue(sysupdate.get(dropIn).contains("ExecStart=\nExecStart=/usr/bin/true\n"));
  }

  @Test
  void theBrokenVersionsHealthCheckNoLongerReboots() throws Exception {
    for (String name : new String[] {"minimal-signed", "minimal-sysupdate"}) {
      Appliance a = spec(name);
      SortedMap<String, String> c = onlyIn(a, Fault.HEALTH_REBOOT, 2, 3);
      String health = UNITS + "minimal-ready.service.d/50-" + name + "-health.conf";
      assertEquals(java.util.Set.of(health), c.keySet());
      assertTrue(c.get(health).contains("FailureAction=none"));
      assertTrue(c.get(health).contains("StartLimitAction=none"));
      assertFalse(c.get(health).contains("=reboot"));
    }
  }

  @Test
  void theTamperedVersionsVerityNoLongerRestarts() throws Exception {
    // RAUC: slot A holds N+1 when its root is changed; sysupdate: N+3.
    SortedMap<String, String> rauc = onlyIn(spec("minimal-signed"), Fault.VERITY_RESTART, 1, 3);
    assertEquals(java.util.Set.of("kernel/cmdline-a", "kernel/cmdline-b"), rauc.keySet());
    SortedMap<String, String> sysupdate =
        onlyIn(spec("minimal-sysupdate"), Fault.VERITY_RESTART, 3, 4);
    assertEquals(java.util.Set.of("kernel/cmdline"), sysupdate.keySet());
    for (String cmdline : rauc.values()) {
      assertFalse(cmdline.contains("restart-on-corruption"), cmdline);
      assertTrue(cmdline.contains("roothash=@ROOTHASH@ "), cmdline);
    }
    assertEquals(
        "roothash=@ROOTHASH@ root=/dev/mapper/root ro console=ttyS0,115200 panic=10\n",
        sysupdate.get("kernel/cmdline"));
  }

  @Test
  void theKeyringIsTheDevicesStateBeforeTheRefusal() throws Exception {
    Appliance rauc = spec("minimal-signed");
    Appliance sysupdate = spec("minimal-sysupdate");
    for (int step = 0; step < 3; step++) {
      assertEquals(Map.of(), changed(rauc, Fault.KEYRING, step));
    }
    assertEquals(
        Optional.of(
            "mount --bind /run/applc-test/updates/foreign-cert.pem /etc/rauc/keyring.pem"
                + " && systemctl try-restart rauc.service"),
        Fault.KEYRING.beforeScenario(rauc));
    assertEquals(
        Optional.of(
            "mount --bind /run/applc-test/updates/foreign-pubring.gpg"
                + " /etc/systemd/import-pubring.gpg"),
        Fault.KEYRING.beforeScenario(sysupdate));
    assertEquals("refusal", Fault.KEYRING.scenario());
  }

  @Test
  void everyScenarioButThePowerCutHasAFaultAndEveryFaultAName() {
    assertEquals(
        java.util.List.of("first boot", "update", "refusal", "rollback", "tampered root"),
        java.util.Arrays.stream(Fault.values()).map(Fault::scenario).toList());
    for (Fault f : Fault.values()) {
      assertEquals(Optional.of(f), Fault.named(f.id()));
      assertTrue(Fault.names().contains(f.id()));
    }
    assertNotEquals(Optional.of(Fault.KEYRING), Fault.named("signature"));
  }
}
