package dev.applc.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * `applc test` as a user runs it in CI, on specs/minimal-signed (three versions, RAUC driving
 * systemd-boot entries) and specs/minimal-sysupdate (four versions, systemd-sysupdate with
 * systemd-boot's own boot counting), both on dm-verity roots. Every scenario must pass, each with
 * its evidence line.
 */
class LifecycleImageTest {
  private static final List<String> TOOLS =
      List.of(
          "mmdebstrap",
          "mksquashfs",
          "veritysetup",
          "objcopy",
          "sbsign",
          "mkfs.vfat",
          "mcopy",
          "systemd-repart",
          "rauc",
          "casync",
          "openssl",
          "sfdisk",
          "qemu-system-x86_64");

  private static final List<String> SYSUPDATE_TOOLS =
      List.of(
          "mmdebstrap",
          "mksquashfs",
          "veritysetup",
          "objcopy",
          "mkfs.vfat",
          "mcopy",
          "systemd-repart",
          "zstd",
          "gpg",
          "gpgv",
          "sfdisk",
          "qemu-system-x86_64");

  @TempDir Path tmp;

  @Test
  void minimalSignedUpdatesRollsBackSurvivesAPowerCutAndRefusesWhatItMust() throws Exception {
    ImageBuilds.requireTools(TOOLS);
    assertEveryScenarioPasses("minimal-signed");
  }

  /**
   * Also `applc verify` on version N's build, which `applc test` made: it agrees with the
   * systemd-sysupdate artifacts (names with the disk's partition UUIDs, SHA256SUMS, the signature,
   * the UKI) and reports a copy whose SHA256SUMS was changed after the build. One build serves
   * both, which keeps the suite's time down. That each scenario fails when its mechanism is broken
   * is {@link #everyBrokenMechanismIsCaught}, nightly: CI's run is past its 45 minutes without it.
   */
  @Test
  void minimalSysupdateUpdatesIsBlessedRollsBackAndRefusesWhatItMust() throws Exception {
    ImageBuilds.requireTools(SYSUPDATE_TOOLS);
    Path spec = assertEveryScenarioPasses("minimal-sysupdate");
    Path out = tmp.resolve("minimal-sysupdate-test/n");

    StringWriter ok = new StringWriter();
    assertEquals(
        0, ImageBuilds.applc(ok, "verify", spec.toString(), out.toString()), ok.toString());

    // A copy whose SHA256SUMS gives the UKI artifact another hash: the hash is wrong, and the
    // build's signature no longer matches the changed SHA256SUMS.
    Path copy = tamperedCopy(out);
    Path sums = copy.resolve("images/sysupdate/SHA256SUMS");
    List<String> lines = Files.readAllLines(sums);
    String uki = lines.stream().filter(l -> l.endsWith(".efi.gz")).findFirst().orElseThrow();
    Files.write(
        sums,
        lines.stream().map(l -> l.equals(uki) ? "0".repeat(64) + l.substring(64) : l).toList());
    StringWriter err = new StringWriter();
    assertEquals(
        1, ImageBuilds.applc(err, "verify", spec.toString(), copy.toString()), err.toString());
    String text = err.toString();
    assertTrue(
        text.contains("error[APL0536]: `SHA256SUMS` gives `minimal-sysupdate_0.1.0.efi.gz`"), text);
    assertTrue(
        text.contains("error[APL0536]: `SHA256SUMS.gpg` is not a valid signature of `SHA256SUMS`"),
        text);
    // Located at the spec, never a stack trace.
    assertTrue(text.contains("--> minimal-sysupdate.appliance:"), text);
    assertFalse(text.contains("Exception"), text);
  }

  /**
   * Every mechanism `applc test --break` can break, on both specs, each caught by its scenario.
   * About 80 minutes on a 2-core machine, which CI cannot spend on every change: run it with {@code
   * -Dapplc.faults=all} (see docs/cli.md), as .ci/nightly does.
   */
  @ParameterizedTest
  @ValueSource(strings = {"minimal-signed", "minimal-sysupdate"})
  @EnabledIfSystemProperty(named = "applc.faults", matches = "all")
  void everyBrokenMechanismIsCaught(String name) throws Exception {
    ImageBuilds.requireTools(name.equals("minimal-signed") ? TOOLS : SYSUPDATE_TOOLS);
    Path spec = specWithKeys(name);
    Path cache = tmp.resolve("cache");
    for (String[] fault :
        List.of(
            new String[] {"failed-unit", "first boot"},
            new String[] {"mark-good", "update"},
            new String[] {"keyring", "refusal"},
            new String[] {"health-reboot", "rollback"},
            new String[] {"verity-restart", "tampered root"})) {
      assertCaught(spec, fault[0], fault[1], cache);
    }
  }

  /**
   * `applc test --break FAULT` exits 0, and says that SCENARIO, after the ones before it, failed.
   */
  private void assertCaught(Path spec, String fault, String scenario, Path cache) throws Exception {
    StringWriter out = new StringWriter();
    int exit =
        ImageBuilds.applc(
            out,
            "test",
            spec.toString(),
            "-o",
            tmp.resolve("break-" + fault).toString(),
            "--cache",
            cache.toString(),
            "--break",
            fault);
    String text = out.toString();
    System.out.println(
        text.lines()
            .filter(l -> l.matches("^(PASS|FAIL|CAUGHT|MISSED) .*"))
            .map(l -> l.length() > 200 ? l.substring(0, 200) + "..." : l)
            .toList());
    assertEquals(0, exit, text);
    assertTrue(text.contains("FAIL " + scenario + " ("), text);
    assertTrue(text.contains("CAUGHT " + fault + ": `" + scenario + "` failed"), text);
  }

  /** A copy of the spec, with its keys made by `applc keys`. */
  private Path specWithKeys(String name) throws Exception {
    Path specDir = Files.createDirectories(tmp.resolve(name));
    Path spec = specDir.resolve(name + ".appliance");
    Files.copy(ImageBuilds.repo().resolve("specs/" + name + "/" + name + ".appliance"), spec);
    StringWriter keys = new StringWriter();
    assertEquals(0, ImageBuilds.applc(keys, "keys", spec.toString()), keys.toString());
    return spec;
  }

  /** Runs `applc test` on a copy of the spec; returns the copy. */
  private Path assertEveryScenarioPasses(String name) throws Exception {
    Path spec = specWithKeys(name);

    StringWriter out = new StringWriter();
    int exit =
        ImageBuilds.applc(
            out, "test", spec.toString(), "-o", tmp.resolve(name + "-test").toString());
    String text = out.toString();
    System.out.println(
        text.lines().filter(l -> l.startsWith("PASS") || l.startsWith("FAIL")).toList());
    assertEquals(0, exit, text);
    for (String scenario :
        List.of("first boot", "update", "refusal", "rollback", "power cut", "tampered root")) {
      assertTrue(text.contains("PASS " + scenario + " ("), scenario + ":\n" + text);
    }
    assertTrue(text.contains("6 of 6 scenarios passed"), text);
    return spec;
  }

  /** A copy of OUT: its config and sysupdate folder copied, the other images linked. */
  private Path tamperedCopy(Path out) throws Exception {
    Path copy = tmp.resolve("tampered");
    for (String folder : List.of("config", "images/sysupdate")) {
      Path from = out.resolve(folder).toRealPath();
      try (Stream<Path> files = Files.walk(from)) {
        for (Path f : files.toList()) {
          Path to = copy.resolve(folder).resolve(from.relativize(f).toString());
          if (Files.isDirectory(f)) {
            Files.createDirectories(to);
          } else {
            Files.copy(f, to);
          }
        }
      }
    }
    try (Stream<Path> images = Files.list(out.resolve("images"))) {
      for (Path image : images.toList()) {
        Path to = copy.resolve("images").resolve(image.getFileName());
        if (!Files.exists(to)) {
          Files.createSymbolicLink(to, image);
        }
      }
    }
    return copy;
  }
}
