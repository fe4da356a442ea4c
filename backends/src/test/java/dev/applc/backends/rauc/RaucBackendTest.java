package dev.applc.backends.rauc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.backends.Backends;
import dev.applc.backends.uboot.UbootBackend;
import dev.applc.compiler.backend.OutputFile;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.diag.Code;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class RaucBackendTest {

  private static KeyFile systemConf(OutputTree t) {
    return KeyFile.parse(t.get(RaucBackend.SYSTEM_CONF).orElseThrow().text());
  }

  private static KeyFile manifest(OutputTree t) {
    return KeyFile.parse(t.get(RaucBackend.MANIFEST).orElseThrow().text());
  }

  @Test
  void bothBackendsAreRegistered() {
    assertTrue(Backends.ALL.stream().anyMatch(b -> b instanceof RaucBackend));
    assertTrue(Backends.ALL.stream().anyMatch(b -> b instanceof UbootBackend));
  }

  @Test
  void rpi400UsesUbootWithExt4RootSlotsAndTheDataPartition() {
    OutputTree t = Specs.generate("rpi400-rauc");
    KeyFile conf = systemConf(t);
    assertEquals(List.of("system", "keyring", "slot.root.0", "slot.root.1"), conf.groups());
    assertEquals(
        Map.of(
            "compatible", "rpi400-rauc",
            "bootloader", "uboot",
            "bundle-formats", "verity",
            "boot-attempts", "3",
            "boot-attempts-primary", "3",
            "data-directory", "/data/rauc"),
        conf.group("system"));
    assertEquals(Map.of("path", "/etc/rauc/keyring.pem"), conf.group("keyring"));
    assertEquals(
        Map.of("device", "/dev/disk/by-partlabel/rootfs-a", "type", "ext4", "bootname", "A"),
        conf.group("slot.root.0"));
    assertEquals(
        Map.of("device", "/dev/disk/by-partlabel/rootfs-b", "type", "ext4", "bootname", "B"),
        conf.group("slot.root.1"));

    KeyFile m = manifest(t);
    assertEquals(List.of("update", "bundle", "image.root"), m.groups());
    assertEquals("rpi400-rauc", m.get("update", "compatible"));
    assertEquals("0.1.0", m.get("update", "version"));
    assertEquals("verity", m.get("bundle", "format"));
    assertEquals(Map.of("filename", "root.ext4"), m.group("image.root"));
  }

  @Test
  void loistoUsesSystemdBootRawSquashfsSlotsVerityChildrenAndCasync() {
    OutputTree t = Specs.generate("loisto-console");
    KeyFile conf = systemConf(t);
    assertEquals("custom", conf.get("system", "bootloader"));
    assertEquals("loisto-console", conf.get("system", "compatible"));
    assertEquals("/data/rauc", conf.get("system", "data-directory"));
    assertFalse(conf.group("system").containsKey("boot-attempts"), "systemd-boot counts, not RAUC");
    assertTrue(conf.has("casync"));
    for (int i = 0; i < 2; i++) {
      String slot = i == 0 ? "A" : "B";
      assertEquals(
          Map.of(
              "device", "/dev/disk/by-partlabel/rootfs-" + slot, "type", "raw", "bootname", slot),
          conf.group("slot.root." + i));
      assertEquals(
          Map.of(
              "device",
              "/dev/disk/by-partlabel/rootfs-" + slot + "-verity",
              "type",
              "raw",
              "parent",
              "root." + i),
          conf.group("slot.root-verity." + i));
      assertEquals(
          Map.of(
              "device",
              "/dev/disk/by-partlabel/rootfs-" + slot + "-verity-sig",
              "type",
              "raw",
              "parent",
              "root." + i),
          conf.group("slot.root-verity-sig." + i));
    }
    KeyFile m = manifest(t);
    assertEquals(
        List.of(
            "update",
            "bundle",
            "hooks",
            "image.root",
            "image.root-verity",
            "image.root-verity-sig"),
        m.groups());
    assertEquals("root.squashfs", m.get("image.root", "filename"));
    assertEquals("root-verity.img", m.get("image.root-verity", "filename"));
    assertEquals("root-verity-sig.img", m.get("image.root-verity-sig", "filename"));
  }

  static final List<String> NEITHER = Specs.NEITHER;

  @ParameterizedTest
  @FieldSource("NEITHER")
  void specsWithoutRaucGetNoRaucFiles(String spec) {
    OutputTree t = Specs.generate(spec);
    assertTrue(t.get(RaucBackend.SYSTEM_CONF).isEmpty());
    assertTrue(t.get(RaucBackend.MANIFEST).isEmpty());
    assertTrue(t.get(UbootBackend.BOOT_CMD).isEmpty());
    assertTrue(t.get(UbootBackend.FW_ENV_CONFIG).isEmpty());
  }

  static final List<String> RAUC = Specs.RAUC;

  /** The keys RAUC 1.8 knows, per group (rauc.md §1 and §2); it refuses any other. */
  private static final Map<String, Set<String>> RAUC_18_SYSTEM =
      Map.of(
          "system",
          Set.of(
              "compatible",
              "bootloader",
              "bundle-formats",
              "mountprefix",
              "grubenv",
              "barebox-statename",
              "barebox-dtbpath",
              "boot-attempts",
              "boot-attempts-primary",
              "efi-use-bootnext",
              "activate-installed",
              "statusfile",
              "data-directory",
              "max-bundle-download-size",
              "variant-name",
              "variant-file",
              "variant-dtb"),
          "keyring",
          Set.of(
              "path",
              "directory",
              "use-bundle-signing-time",
              "allow-partial-chain",
              "check-crl",
              "check-purpose"),
          "casync",
          Set.of("install-args", "storepath", "tmppath", "use-desync"),
          "handlers",
          Set.of("system-info", "pre-install", "post-install", "bootloader-custom-backend"),
          "slot",
          Set.of(
              "device",
              "type",
              "bootname",
              "parent",
              "readonly",
              "allow-mounted",
              "install-same",
              "resize",
              "extra-mount-opts",
              "region-start",
              "region-size"));

  private static final Map<String, Set<String>> RAUC_18_MANIFEST =
      Map.of(
          "update", Set.of("compatible", "version", "description", "build"),
          "bundle", Set.of("format"),
          "hooks", Set.of("filename", "hooks"),
          "image", Set.of("filename", "hooks", "adaptive"));

  @ParameterizedTest
  @FieldSource("RAUC")
  void everyKeyIsOneRauc18Knows(String spec) {
    OutputTree t = Specs.generate(spec);
    assertOnlyKnownKeys(systemConf(t), RAUC_18_SYSTEM);
    assertOnlyKnownKeys(manifest(t), RAUC_18_MANIFEST);
  }

  static void assertOnlyKnownKeys(KeyFile f, Map<String, Set<String>> known) {
    for (String g : f.groups()) {
      String kind = g.contains(".") ? g.substring(0, g.indexOf('.')) : g;
      Set<String> keys = known.get(kind);
      assertTrue(keys != null, "group [" + g + "] is not one RAUC 1.8 knows");
      for (String key : f.group(g).keySet()) {
        assertTrue(keys.contains(key), "[" + g + "] " + key + "= is not one RAUC 1.8 knows");
      }
    }
  }

  @ParameterizedTest
  @FieldSource("RAUC")
  void filesStartWithTheHeaderAndAreDeterministic(String spec) {
    OutputTree first = Specs.generate(spec);
    OutputTree second = Specs.generate(spec);
    for (String path : List.of(RaucBackend.SYSTEM_CONF, RaucBackend.MANIFEST)) {
      OutputFile f = first.get(path).orElseThrow();
      assertTrue(
          f.text()
              .startsWith("# Generated by applc from " + Specs.specFile(spec) + "; do not edit.\n"),
          path);
      assertEquals(f.text(), second.get(path).orElseThrow().text(), path);
      assertFalse(f.text().contains(Specs.repoRoot().toString()), path + " has a local path");
    }
  }

  @Test
  void bookwormGetsRauc18AndTheDataDirectory() {
    Specs.Outcome o = Specs.generateText(TestSpecs.raucUefi("bookworm", "", ""));
    assertFalse(o.rejected(), o.rendered());
    assertTrue(o.diagnostics().isEmpty(), o.rendered());
    KeyFile conf = KeyFile.parse(o.text(RaucBackend.SYSTEM_CONF));
    assertEquals("/data/rauc", conf.get("system", "data-directory"));
    assertTrue(o.text(RaucBackend.SYSTEM_CONF).contains("# RAUC 1.8 system configuration"));
    assertOnlyKnownKeys(conf, RAUC_18_SYSTEM);
  }

  @Test
  void cryptBundlesNeedRauc17() {
    Specs.Outcome o = Specs.generateText(TestSpecs.raucUefi("bullseye", "bundle = crypt", ""));
    assertEquals(
        List.of(Code.TARGET_UNSUPPORTED),
        o.diagnostics().stream()
            .map(d -> d.code())
            .filter(c -> c.id().startsWith("APL06"))
            .toList(),
        o.rendered());
    assertTrue(o.rendered().contains("cannot install `crypt` bundles"), o.rendered());
    assertTrue(o.rendered().contains("bundle = crypt"), "points at the bundle: " + o.rendered());
  }

  @Test
  void cryptBundlesWorkOnBookworm() {
    Specs.Outcome o = Specs.generateText(TestSpecs.raucUefi("bookworm", "bundle = crypt", ""));
    assertTrue(o.diagnostics().isEmpty(), o.rendered());
    assertEquals("crypt", KeyFile.parse(o.text(RaucBackend.MANIFEST)).get("bundle", "format"));
    assertEquals(
        "crypt", KeyFile.parse(o.text(RaucBackend.SYSTEM_CONF)).get("system", "bundle-formats"));
  }

  @Test
  void casyncCannotConvertCryptBundlesOnRauc18() {
    Specs.Outcome o =
        Specs.generateText(
            TestSpecs.raucUefi("bookworm", "bundle = crypt\n    delta = casync", ""));
    assertTrue(o.rejected(), o.rendered());
    assertTrue(o.rendered().contains("APL0600"), o.rendered());
    assertTrue(o.rendered().contains("cannot convert `crypt` bundles for casync"), o.rendered());
  }

  @Test
  void casyncWithVerityBundlesIsFine() {
    Specs.Outcome o = Specs.generateText(TestSpecs.raucUefi("bookworm", "delta = casync", ""));
    assertTrue(o.diagnostics().isEmpty(), o.rendered());
    assertTrue(KeyFile.parse(o.text(RaucBackend.SYSTEM_CONF)).has("casync"));
  }

  @Test
  void plainBundlesFromAUrlWarnAndGetADownloadLimit() {
    Specs.Outcome o =
        Specs.generateText(
            TestSpecs.raucUefi(
                "bookworm", "bundle = plain\n    source = \"https://example.com/u/\"", ""));
    assertFalse(o.rejected(), o.rendered());
    assertEquals(1, o.diagnostics().size(), o.rendered());
    assertEquals(Code.TARGET_DEGRADED, o.diagnostics().get(0).code());
    KeyFile conf = KeyFile.parse(o.text(RaucBackend.SYSTEM_CONF));
    // One slot group: root (2G) + verity partitions, more than RAUC's 8 MiB default.
    long limit = Long.parseLong(conf.get("system", "max-bundle-download-size"));
    assertTrue(limit > (2L << 30), "limit " + limit);
  }

  @Test
  void verityBundlesAreStreamedAndGetNoDownloadLimit() {
    Specs.Outcome o =
        Specs.generateText(
            TestSpecs.raucUefi("bookworm", "source = \"https://example.com/u/\"", ""));
    assertTrue(o.diagnostics().isEmpty(), o.rendered());
    assertFalse(
        KeyFile.parse(o.text(RaucBackend.SYSTEM_CONF))
            .group("system")
            .containsKey("max-bundle-download-size"));
  }

  @Test
  void bullseyeHasNoDataDirectoryAndUsesAStatusFile() {
    Specs.Outcome o = Specs.generateText(TestSpecs.raucUefi("bullseye", "", ""));
    assertFalse(o.rejected(), o.rendered());
    KeyFile conf = KeyFile.parse(o.text(RaucBackend.SYSTEM_CONF));
    assertFalse(conf.group("system").containsKey("data-directory"));
    assertEquals("/data/rauc/central.raucs", conf.get("system", "statusfile"));
  }

  @Test
  void onUefiRaucDrivesSystemdBootThroughApplcsBackendAndTheBundleBringsItsKernel() {
    Specs.Outcome o = Specs.generateText(TestSpecs.raucUefi("bookworm", "", ""));
    assertFalse(o.rejected(), o.rendered());
    assertEquals(List.of(), o.diagnostics(), o.rendered());
    KeyFile conf = KeyFile.parse(o.text(RaucBackend.SYSTEM_CONF));
    assertEquals("custom", conf.get("system", "bootloader"));
    assertEquals(SystemdBootSlots.BACKEND, conf.get("handlers", "bootloader-custom-backend"));
    assertTrue(o.text("rootfs" + SystemdBootSlots.BACKEND).startsWith("#!/bin/bash\n"));
    KeyFile m = KeyFile.parse(o.text(RaucBackend.MANIFEST));
    assertEquals(SystemdBootSlots.HOOK, m.get("hooks", "filename"));
    assertEquals("post-install", m.get("image.root", "hooks"));
    assertTrue(o.text("bundle/" + SystemdBootSlots.HOOK).contains("slot-post-install"));
  }

  @Test
  void anUnmountedEspIsAnError() {
    String text =
        """
        applc 1

        import std:boards/x86_64-uefi

        appliance t {
          version    = "1.0"
          compatible = "t-x86"
          board      = x86_64-uefi
          os debian bookworm {
            packages = [rauc, rauc-service]
          }
          disk {
            size = 4G
            partition esp {
              type = esp
              size = 256M
            }
            slots [a, b] {
              partition root {
                type = root
                size = 1G
                format = squashfs
              }
            }
          }
          update rauc {
            keyring = "ca.pem"
          }
        }
        """;
    Specs.Outcome o = Specs.generateText(text);
    assertTrue(
        o.diagnostics().stream()
            .anyMatch(
                d -> d.code() == Code.TARGET_UNSUPPORTED && d.message().contains("not mounted")),
        o.rendered());
  }

  @Test
  void aSlottedEspIsTheBootableClassWithEfi() {
    String text =
        """
        applc 1

        import std:boards/x86_64-uefi

        appliance t {
          version    = "1.0"
          compatible = "t-x86"
          board      = x86_64-uefi
          os debian bookworm { packages = [rauc, rauc-service] }
          disk {
            slots [a, b] {
              partition efi { type = esp; size = 256M }
              partition root { type = root; size = 1G; format = ext4 }
            }
            partition data { type = linux-generic; size = grow; mount = "/data" }
          }
          update rauc { keyring = "ca.pem" }
        }
        """;
    Specs.Outcome o = Specs.generateText(text);
    assertTrue(o.diagnostics().isEmpty(), o.rendered());
    KeyFile conf = KeyFile.parse(o.text(RaucBackend.SYSTEM_CONF));
    assertEquals("vfat", conf.get("slot.efi.0", "type"));
    assertEquals("A", conf.get("slot.efi.0", "bootname"));
    assertEquals("B", conf.get("slot.efi.1", "bootname"));
    assertEquals("efi.0", conf.get("slot.root.0", "parent"));
    assertEquals("efi.1", conf.get("slot.root.1", "parent"));
    KeyFile m = KeyFile.parse(o.text(RaucBackend.MANIFEST));
    assertEquals("efi.vfat", m.get("image.efi", "filename"));
    assertEquals("root.ext4", m.get("image.root", "filename"));
  }
}
