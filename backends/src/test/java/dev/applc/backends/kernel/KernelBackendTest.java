package dev.applc.backends.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.backends.sysupdate.SpecFixtures;
import dev.applc.compiler.backend.Target;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.sema.Profiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class KernelBackendTest {
  private static final Pattern TOKEN = Pattern.compile("@[A-Z][A-Z0-9_]*@");

  /** The command line files of every spec, as the build and the boot loaders read them. */
  private static final Map<String, Map<String, String>> EXPECTED = expected();

  private static Map<String, Map<String, String>> expected() {
    Map<String, Map<String, String>> e = new LinkedHashMap<>();
    e.put(
        "minimal",
        Map.of(
            "kernel/cmdline",
            "roothash=@ROOTHASH@ systemd.verity_root_data=/dev/disk/by-partlabel/root-a"
                + " systemd.verity_root_hash=/dev/disk/by-partlabel/root-a-verity"
                + " systemd.verity_root_options=restart-on-corruption root=/dev/mapper/root ro console=ttyS0,115200 panic=10"));
    e.put(
        "minimal-sysupdate",
        Map.of(
            "kernel/cmdline",
            "roothash=@ROOTHASH@ systemd.verity_root_options=restart-on-corruption"
                + " root=/dev/mapper/root ro console=ttyS0,115200 panic=10"));
    e.put(
        "minimal-signed",
        Map.of(
            "kernel/cmdline-a",
            "roothash=@ROOTHASH@ systemd.verity_root_data=/dev/disk/by-partlabel/root-a"
                + " systemd.verity_root_hash=/dev/disk/by-partlabel/root-a-verity"
                + " systemd.verity_root_options=restart-on-corruption root=/dev/mapper/root ro rauc.slot=A console=ttyS0,115200 panic=10",
            "kernel/cmdline-b",
            "roothash=@ROOTHASH@ systemd.verity_root_data=/dev/disk/by-partlabel/root-b"
                + " systemd.verity_root_hash=/dev/disk/by-partlabel/root-b-verity"
                + " systemd.verity_root_options=restart-on-corruption root=/dev/mapper/root ro rauc.slot=B console=ttyS0,115200 panic=10"));
    e.put(
        "rpi4-sysupdate",
        Map.of(
            "kernel/cmdline",
            "usrhash=@USRHASH@ systemd.verity_usr_options=restart-on-corruption mount.usr=/dev/mapper/usr rw console=ttyAMA0,115200 panic=10"));
    e.put(
        "rpi400-rauc",
        Map.of(
            "kernel/cmdline-a", "root=PARTLABEL=rootfs-a rw rootwait console=ttyS1,115200 panic=10",
            "kernel/cmdline-b",
                "root=PARTLABEL=rootfs-b rw rootwait console=ttyS1,115200 panic=10"));
    e.put(
        "kiosk",
        Map.of(
            "kernel/cmdline-a",
            "roothash=@ROOTHASH@ systemd.verity_root_data=/dev/disk/by-partlabel/root-a"
                + " systemd.verity_root_hash=/dev/disk/by-partlabel/root-a-verity"
                + " systemd.verity_root_options=restart-on-corruption root=/dev/mapper/root ro rauc.slot=A console=ttyS0,115200"
                + " systemd.getty_auto=0 panic=10",
            "kernel/cmdline-b",
            "roothash=@ROOTHASH@ systemd.verity_root_data=/dev/disk/by-partlabel/root-b"
                + " systemd.verity_root_hash=/dev/disk/by-partlabel/root-b-verity"
                + " systemd.verity_root_options=restart-on-corruption root=/dev/mapper/root ro rauc.slot=B console=ttyS0,115200"
                + " systemd.getty_auto=0 panic=10"));
    e.put("tdx-debian", Map.of("kernel/cmdline", "console=ttyS0,115200 panic=10"));
    e.put(
        "loisto-console",
        Map.of(
            "kernel/cmdline-A",
            "roothash=@ROOTHASH@ systemd.verity_root_data=/dev/disk/by-partlabel/rootfs-A"
                + " systemd.verity_root_hash=/dev/disk/by-partlabel/rootfs-A-verity"
                + " systemd.verity_root_options=restart-on-corruption root=/dev/mapper/root ro rauc.slot=A console=ttyS0,115200"
                + " systemd.getty_auto=0 panic=10 quiet loglevel=0 vt.global_cursor_default=0",
            "kernel/cmdline-B",
            "roothash=@ROOTHASH@ systemd.verity_root_data=/dev/disk/by-partlabel/rootfs-B"
                + " systemd.verity_root_hash=/dev/disk/by-partlabel/rootfs-B-verity"
                + " systemd.verity_root_options=restart-on-corruption root=/dev/mapper/root ro rauc.slot=B console=ttyS0,115200"
                + " systemd.getty_auto=0 panic=10 quiet loglevel=0 vt.global_cursor_default=0"));
    e.put(
        "initos",
        Map.of(
            "kernel/cmdline",
            "root=/dev/mapper/root rw console=ttyS0,115200 rd.shell=0 rd.emergency=reboot panic=10"));
    return e;
  }

  @Test
  void everySpecHasAnExpectedCommandLine() {
    assertEquals(
        SpecFixtures.specNames().stream().sorted().toList(),
        EXPECTED.keySet().stream().sorted().toList(),
        "a new spec needs its expected command line here");
  }

  @TestFactory
  Stream<DynamicTest> everySpecGetsItsCommandLineAndTheMeaningOfItsPlaceholders() {
    return SpecFixtures.specNames().stream()
        .map(
            name ->
                DynamicTest.dynamicTest(
                    name,
                    () -> {
                      Appliance a = SpecFixtures.appliance(name);
                      SpecFixtures.Generated g = SpecFixtures.run(a, new KernelBackend());
                      assertEquals(List.of(), g.diagnostics(), g.rendered());
                      Map<String, String> lines = new LinkedHashMap<>();
                      for (String path : g.paths()) {
                        if (path.startsWith(KernelBackend.CMDLINE)
                            && !path.equals(KernelBackend.PLACEHOLDERS)) {
                          String text = g.file(path);
                          assertTrue(text.endsWith("\n"), path);
                          assertEquals(1, text.lines().count(), path + " is one line");
                          lines.put(path, text.strip());
                        }
                      }
                      assertEquals(EXPECTED.get(name), lines);

                      // Every placeholder in a line is explained, and nothing else is.
                      List<String> used = new ArrayList<>();
                      for (String line : lines.values()) {
                        Matcher m = TOKEN.matcher(line);
                        while (m.find()) {
                          if (!used.contains(m.group())) {
                            used.add(m.group());
                          }
                        }
                      }
                      List<String> explained = new ArrayList<>();
                      String doc = g.file(KernelBackend.PLACEHOLDERS);
                      assertTrue(doc.startsWith("# Generated by applc from test.appliance;"));
                      for (String row : doc.lines().toList()) {
                        if (!row.startsWith("#")) {
                          String[] cells = row.split("\t", -1);
                          assertEquals(2, cells.length, row);
                          assertFalse(cells[1].isBlank(), row);
                          explained.add(cells[0]);
                        }
                      }
                      assertEquals(
                          used.stream().sorted().toList(), explained.stream().sorted().toList());

                      SpecFixtures.Generated again = SpecFixtures.run(a, new KernelBackend());
                      assertEquals(g.tree().byPath(), again.tree().byPath(), "deterministic");
                    }));
  }

  @Test
  void kernelModulesAreLoadedAtBoot() {
    SpecFixtures.Generated g =
        SpecFixtures.run(SpecFixtures.appliance("rpi4-sysupdate"), new KernelBackend());
    assertEquals(
        """
        # Generated by applc from test.appliance; do not edit.
        # Kernel modules loaded at boot (`kernel.modules`), by systemd-modules-load.service.
        nvmem-raspberrypi-otp
        """,
        g.file("rootfs/usr/lib/modules-load.d/rpi4-sysupdate.conf"));
    SpecFixtures.Generated minimal =
        SpecFixtures.run(SpecFixtures.appliance("minimal"), new KernelBackend());
    assertTrue(minimal.paths().stream().noneMatch(p -> p.contains("modules-load.d")));
  }

  @Test
  void theInitrdGetsTheSpecsModulesAndWhatMountingNeeds() {
    assertEquals(
        List.of("dm-verity", "dm-crypt", "btrfs", "squashfs", "tpm_crb", "tpm_tis"),
        modules(SpecFixtures.appliance("initos")));
    assertEquals(
        List.of("dm-verity", "erofs", "dm-crypt"),
        modules(SpecFixtures.appliance("rpi4-sysupdate")));
    assertEquals(List.of(), modules(SpecFixtures.appliance("tdx-debian")));
  }

  private static List<String> modules(Appliance a) {
    return SpecFixtures.run(a, new KernelBackend())
        .text(KernelBackend.INITRD_MODULES)
        .map(t -> t.lines().filter(l -> !l.startsWith("#")).toList())
        .orElse(List.of());
  }

  @Test
  void aProfilesArgumentsComeAfterTheBase() {
    String text =
        KernelVariants.appliance(
            "bookworm",
            KernelVariants.ROOT_DISK,
            "  kernel { cmdline = [\"quiet\"] }\n"
                + "  profile dev { cmdline = [\"systemd.log_level=debug\"] }\n");
    Appliance a = SpecFixtures.applianceOf(text);
    Appliance profiled = Profiles.apply(a, a.profile("dev").orElseThrow());
    String line =
        SpecFixtures.run(profiled, new KernelBackend()).file(KernelBackend.CMDLINE).strip();
    assertTrue(line.endsWith(" quiet systemd.log_level=debug"), line);
  }

  @Test
  void dracutWithoutShellRebootsOnFailure() {
    String line =
        line(
            KernelVariants.appliance(
                "bookworm", KernelVariants.ROOT_DISK, "  initrd { generator = dracut }\n"));
    assertTrue(line.endsWith(" rd.shell=0 rd.emergency=reboot panic=10"), line);
    String withShell =
        line(
            KernelVariants.appliance(
                "bookworm",
                KernelVariants.ROOT_DISK,
                "  initrd {\n    generator = dracut\n    shell = on\n  }\n"));
    assertFalse(withShell.contains("rd.shell"), withShell);
  }

  @Test
  void anInitrdWithoutShellRebootsOnPanicUnlessTheSpecSaysHowLong() {
    String line = line(KernelVariants.appliance("bookworm", KernelVariants.ROOT_DISK, ""));
    assertTrue(line.endsWith(" panic=10"), line);
    String withShell =
        line(
            KernelVariants.appliance(
                "bookworm", KernelVariants.ROOT_DISK, "  initrd { shell = on }\n"));
    assertFalse(withShell.contains("panic="), withShell);
    String own =
        line(
            KernelVariants.appliance(
                "bookworm", KernelVariants.ROOT_DISK, "  kernel { cmdline = [\"panic=30\"] }\n"));
    assertEquals(1, own.split("panic=", -1).length - 1, own);
    assertTrue(own.endsWith(" panic=30"), own);
  }

  @Test
  void aVerityBlockThatFailsItsHashRestartsTheMachine() {
    String line = line(KernelVariants.appliance("bookworm", KernelVariants.ROOT_DISK, ""));
    assertTrue(line.contains(" systemd.verity_root_options=restart-on-corruption "), line);
  }

  @Test
  void initramfsToolsOpensVerityItselfFromExplicitDevices() {
    String line =
        line(
            KernelVariants.appliance(
                "bookworm",
                KernelVariants.ROOT_DISK,
                "  initrd { generator = initramfs-tools }\n"));
    assertEquals(
        "roothash=@ROOTHASH@ systemd.verity_root_data=/dev/disk/by-partlabel/root-a"
            + " systemd.verity_root_hash=/dev/disk/by-partlabel/root-a-verity"
            + " systemd.verity_root_options=restart-on-corruption root=/dev/mapper/root ro systemd.verity=no console=ttyS0,115200 panic=10",
        line);
  }

  @Test
  void sysupdateLeavesVerityDevicesToTheHashDerivedUuids() {
    String text =
        KernelVariants.appliance(
            "trixie",
            KernelVariants.ROOT_DISK,
            "  uki { bootloader = systemd-boot }\n"
                + "  update sysupdate { source = \"https://u.example.com/\" }\n");
    assertEquals(
        "roothash=@ROOTHASH@ systemd.verity_root_options=restart-on-corruption"
            + " root=/dev/mapper/root ro console=ttyS0,115200 panic=10",
        line(text));
    // Without systemd's initrd, the devices are named by the UUIDs the build fills in.
    String initramfs =
        line(text.replace("  uki {", "  initrd { generator = initramfs-tools }\n  uki {"));
    assertEquals(
        "roothash=@ROOTHASH@ systemd.verity_root_data=/dev/disk/by-partuuid/@ROOT_PARTUUID@"
            + " systemd.verity_root_hash=/dev/disk/by-partuuid/@ROOT_VERITY_PARTUUID@"
            + " systemd.verity_root_options=restart-on-corruption"
            + " root=/dev/mapper/root ro systemd.verity=no console=ttyS0,115200 panic=10",
        initramfs);
  }

  @Test
  void usrVerityNeedsSystemdsInitrd() {
    String text =
        KernelVariants.appliance(
            "trixie", KernelVariants.USR_DISK, "  initrd { generator = initramfs-tools }\n");
    SpecFixtures.Generated g =
        SpecFixtures.run(SpecFixtures.applianceOf(text), new KernelBackend());
    assertEquals(1, g.diagnostics().size(), g.rendered());
    Diagnostic d = g.diagnostics().get(0);
    assertEquals(Code.TARGET_UNSUPPORTED, d.code());
    assertEquals("initramfs-tools", d.span().text());
  }

  @Test
  void lockdownClosesGettysAndSysrqOnTheCommandLine() {
    String line =
        line(
            KernelVariants.appliance(
                "bookworm",
                KernelVariants.ROOT_DISK,
                "  lockdown {\n    gettys = none\n    sysrq = off\n  }\n"));
    assertTrue(line.endsWith(" systemd.getty_auto=0 sysctl.kernel.sysrq=0 panic=10"), line);
    Appliance old =
        SpecFixtures.applianceOf(
            KernelVariants.appliance(
                "bookworm", KernelVariants.ROOT_DISK, "  lockdown { gettys = none }\n"));
    String on249 =
        SpecFixtures.run(old, new Target(249, 1, 8, 14, false), new KernelBackend())
            .file(KernelBackend.CMDLINE);
    assertFalse(on249.contains("getty_auto"), "systemd 249 has no systemd.getty_auto=");
  }

  @Test
  void argumentsThatOpenAShellConflictWithLockdown() {
    for (String arg :
        List.of(
            "rescue",
            "emergency",
            "single",
            "1",
            "-b",
            "init=/bin/sh",
            "systemd.unit=rescue.target",
            "systemd.debug_shell",
            "systemd.wants=debug-shell.service")) {
      String text =
          KernelVariants.appliance(
              "bookworm",
              KernelVariants.ROOT_DISK,
              "  kernel { cmdline = [\""
                  + arg
                  + "\"] }\n"
                  + "  lockdown { emergency-shell = off }\n");
      SpecFixtures.Generated g =
          SpecFixtures.run(SpecFixtures.applianceOf(text), new KernelBackend());
      assertEquals(1, g.diagnostics().size(), arg + ": " + g.rendered());
      assertEquals(Code.CONFLICTING_SETTINGS, g.diagnostics().get(0).code(), arg);
      assertEquals("[\"" + arg + "\"]", g.diagnostics().get(0).span().text(), arg);

      String open = text.replace("  lockdown { emergency-shell = off }\n", "");
      assertEquals(
          List.of(),
          SpecFixtures.run(SpecFixtures.applianceOf(open), new KernelBackend()).diagnostics(),
          arg + " is fine while the emergency shell is on");
    }
    for (String arg :
        List.of("rd.break", "rd.shell", "rd.rescue", "rd.systemd.unit=emergency.target")) {
      String text =
          KernelVariants.appliance(
              "bookworm", KernelVariants.ROOT_DISK, "  kernel { cmdline = [\"" + arg + "\"] }\n");
      SpecFixtures.Generated g =
          SpecFixtures.run(SpecFixtures.applianceOf(text), new KernelBackend());
      assertEquals(Code.CONFLICTING_SETTINGS, g.diagnostics().get(0).code(), arg);
      assertTrue(g.diagnostics().get(0).message().contains("`initrd` has `shell = off`"), arg);
      String shell = text.replace("  kernel {", "  initrd { shell = on }\n  kernel {");
      assertEquals(
          List.of(),
          SpecFixtures.run(SpecFixtures.applianceOf(shell), new KernelBackend()).diagnostics(),
          arg);
    }
    for (String arg : List.of("rd.shell=0", "rd.emergency=reboot", "systemd.debug_shell=no")) {
      String text =
          KernelVariants.appliance(
              "bookworm",
              KernelVariants.ROOT_DISK,
              "  kernel { cmdline = [\""
                  + arg
                  + "\"] }\n"
                  + "  lockdown { emergency-shell = off }\n");
      assertEquals(
          List.of(),
          SpecFixtures.run(SpecFixtures.applianceOf(text), new KernelBackend()).diagnostics(),
          arg + " closes a shell");
    }
  }

  @Test
  void aProfilesBadArgumentIsReportedAtTheProfileInEveryCompile() {
    String text =
        KernelVariants.appliance(
            "bookworm",
            KernelVariants.ROOT_DISK,
            "  lockdown { emergency-shell = off }\n"
                + "  profile dev { cmdline = [\"systemd.debug_shell\"] }\n");
    Appliance a = SpecFixtures.applianceOf(text);
    for (Appliance compiled : List.of(a, Profiles.apply(a, a.profile("dev").orElseThrow()))) {
      SpecFixtures.Generated g = SpecFixtures.run(compiled, new KernelBackend());
      assertEquals(1, g.diagnostics().size(), g.rendered());
      assertEquals(Code.CONFLICTING_SETTINGS, g.diagnostics().get(0).code());
      int line = g.diagnostics().get(0).span().startLine();
      assertTrue(text.lines().toList().get(line - 1).contains("profile dev"), g.rendered());
    }
  }

  private static String line(String text) {
    SpecFixtures.Generated g =
        SpecFixtures.run(SpecFixtures.applianceOf(text), new KernelBackend());
    assertEquals(List.of(), g.diagnostics(), g.rendered());
    return g.file(KernelBackend.CMDLINE).strip();
  }
}
