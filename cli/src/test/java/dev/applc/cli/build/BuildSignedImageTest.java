package dev.applc.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.sbom.Sboms;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code specs/minimal-signed} built for real, twice from nothing: both builds give the same bytes;
 * the image boots with Secure Boot enforced and its own certificate enrolled, and the firmware
 * refuses it when another certificate is enrolled instead; the RAUC bundle verifies against the
 * generated {@code system.conf}; and a device running the first build would download nothing to
 * update to the second; {@code applc verify} passes on the build and catches a tampered GPT, UKI
 * command line and bundle manifest. The keys are made by {@code applc keys} in a copy of the spec's
 * folder, so none lands in the repository.
 */
@Tag("image-build")
class BuildSignedImageTest {
  private static final List<String> TOOLS =
      List.of(
          "mmdebstrap",
          "mksquashfs",
          "veritysetup",
          "objcopy",
          "sbsign",
          "sbverify",
          "faketime",
          "mkfs.vfat",
          "mcopy",
          "systemd-repart",
          "rauc",
          "casync",
          "sfdisk",
          "qemu-system-x86_64");
  private static final String BUNDLE = "minimal-signed-0.1.0.raucb";
  private static final String CASYNC_BUNDLE = "minimal-signed-0.1.0-casync.raucb";

  @TempDir Path tmp;

  @Test
  void twoCleanBuildsAreIdenticalBootOnlyWithTheirOwnKeyAndShipAVerifiableBundle()
      throws Exception {
    ImageBuilds.requireTools(TOOLS);
    Path specDir = tmp.resolve("spec");
    Files.createDirectories(specDir);
    Path spec = specDir.resolve("minimal-signed.appliance");
    Files.copy(ImageBuilds.repo().resolve("specs/minimal-signed/minimal-signed.appliance"), spec);

    // Without keys nothing runs.
    StringWriter refused = new StringWriter();
    assertEquals(1, ImageBuilds.applc(refused, "build", spec.toString(), "-o", tmp + "/none"));
    assertTrue(refused.toString().contains("error[APL0506]"), refused.toString());
    assertFalse(Files.exists(tmp.resolve("none")), "a refused build wrote its output folder");

    StringWriter keys = new StringWriter();
    assertEquals(0, ImageBuilds.applc(keys, "keys", spec.toString()), keys.toString());

    Path first = tmp.resolve("first");
    Path second = tmp.resolve("second");
    build(spec, first);
    StringWriter again = build(spec, second, "--previous", first.toString());
    verifyCatchesTampering(spec, first);

    // Same bytes, file by file (the bundles aside: RAUC 1.8 salts and dates them).
    List<String> compared = new ArrayList<>();
    List<String> differ = new ArrayList<>();
    for (Path image : images(first)) {
      String name = image.getFileName().toString();
      if (name.endsWith(".raucb") || name.endsWith(".castr")) {
        continue;
      }
      compared.add(name);
      if (!Arrays.equals(sha256(image), sha256(second.resolve("images").resolve(name)))) {
        differ.add(name);
      }
    }
    assertEquals(List.of(), differ, "the two builds differ in these images");
    // Both SBOMs are valid and hold every artifact's SHA-256; they list the same packages, and
    // differ in nothing but the bundles' hashes (and so in their serial numbers).
    Bom one = SbomChecks.check(first);
    Bom two = SbomChecks.check(second);
    assertEquals(Sboms.packages(one), Sboms.packages(two));
    assertEquals(withoutBundles(one), withoutBundles(two));
    assertTrue(compared.contains("disk.raw"), compared.toString());
    assertTrue(compared.contains("secure-boot.crt"), compared.toString());
    // The payload of the update is identical, so the delta is empty.
    assertTrue(
        again.toString().contains("delta from " + first + ": 0 of "),
        "the second build should share every chunk with the first:\n" + again);

    // The bundle and its casync variant verify against the system.conf the image carries.
    Path systemConf = first.resolve("config/rootfs/etc/rauc/system.conf");
    Path keyring = specDir.resolve("keys/release-ca.pem");
    for (String bundle : List.of(BUNDLE, CASYNC_BUNDLE)) {
      Process info =
          new ProcessBuilder(
                  "rauc",
                  "info",
                  "--conf=" + systemConf,
                  "--keyring=" + keyring,
                  first.resolve("images").resolve(bundle).toString())
              .redirectErrorStream(true)
              .start();
      String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, info.waitFor(), text);
      assertTrue(text.contains("Compatible: \t'applc-minimal-signed'"), text);
    }

    // Secure Boot enforced, the build's own certificate enrolled: it boots to the marker.
    Path log = tmp.resolve("secure-boot.log");
    StringWriter vm = new StringWriter();
    int booted =
        ImageBuilds.applc(
            vm,
            "vm",
            "--secure-boot",
            "--expect=" + ImageBuilds.MARKER,
            "--timeout=420",
            "--log=" + log,
            first.toString());
    assertEquals(0, booted, vm + "\n" + ImageBuilds.tail(log));

    // Another key in db: the firmware refuses the boot loader.
    Path otherDir = tmp.resolve("other");
    Files.createDirectories(otherDir);
    Path other = otherDir.resolve("minimal-signed.appliance");
    Files.copy(spec, other);
    assertEquals(0, ImageBuilds.applc(new StringWriter(), "keys", other.toString()));
    Path refusedLog = tmp.resolve("other-key.log");
    int refusedBoot =
        ImageBuilds.applc(
            new StringWriter(),
            "vm",
            "--secure-boot",
            "--enroll=" + otherDir.resolve("keys/secureboot.crt"),
            "--expect=" + ImageBuilds.MARKER,
            "--timeout=60",
            "--log=" + refusedLog,
            first.resolve("images/disk.raw").toString());
    assertNotEquals(0, refusedBoot);
    String console = Files.readString(refusedLog, StandardCharsets.ISO_8859_1);
    assertFalse(console.contains(ImageBuilds.MARKER), console);
    assertTrue(console.contains("Access Denied"), ImageBuilds.tail(refusedLog));
  }

  /**
   * {@code applc verify} agrees with the build, and reports a located error for each of three
   * tampered copies of it: a GPT label, a UKI's {@code .cmdline}, a bundle made from a manifest
   * with another version. The copies link to the build's unchanged images.
   */
  private void verifyCatchesTampering(Path spec, Path out) throws Exception {
    StringWriter ok = new StringWriter();
    assertEquals(
        0, ImageBuilds.applc(ok, "verify", spec.toString(), out.toString()), ok.toString());

    Path gpt = tamperedCopy(out, "gpt", "disk.raw");
    run(
        "cp",
        "--sparse=always",
        out.resolve("images/disk.raw").toString(),
        gpt + "/images/disk.raw");
    run(
        "sfdisk",
        "--no-reread",
        "--no-tell-kernel",
        "--part-label",
        gpt + "/images/disk.raw",
        "2",
        "root-x");
    assertVerifyFails(spec, gpt, "error[APL0533]: partition 2 of `disk.raw` has label `root-x`");

    String uki = "minimal-signed_0.1.0-a.efi";
    Path cmdline = tmp.resolve("cmdline");
    run(
        "objcopy",
        "-O",
        "binary",
        "--only-section=.cmdline",
        out.resolve("images").resolve(uki).toString(),
        cmdline.toString());
    String line = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8);
    Files.writeString(cmdline, line.replace("rauc.slot=A", "rauc.slot=B"));
    Path ukiCopy = tamperedCopy(out, "uki", uki);
    run(
        "objcopy",
        "--update-section",
        ".cmdline=" + cmdline,
        out.resolve("images").resolve(uki).toString(),
        ukiCopy.resolve("images").resolve(uki).toString());
    assertVerifyFails(spec, ukiCopy, "error[APL0534]: the `.cmdline` of `" + uki + "`");

    Path bundle = tamperedCopy(out, "bundle", BUNDLE);
    Path content = tmp.resolve("bundle-content");
    Files.createDirectories(content);
    String manifest = Files.readString(out.resolve("config/bundle/manifest.raucm"));
    Files.writeString(
        content.resolve("manifest.raucm"), manifest.replace("version=0.1.0", "version=0.1.1"));
    Files.copy(out.resolve("config/bundle/hook"), content.resolve("hook"));
    Files.copy(out.resolve("images/root.squashfs"), content.resolve("root.squashfs"));
    Files.copy(out.resolve("images/root.verity"), content.resolve("root-verity.img"));
    Path keys = spec.getParent().resolve("keys");
    run(
        "rauc",
        "bundle",
        "--cert=" + keys.resolve("release.crt"),
        "--key=" + keys.resolve("release.key"),
        content.toString(),
        bundle.resolve("images").resolve(BUNDLE).toString());
    assertVerifyFails(spec, bundle, "error[APL0535]: `" + BUNDLE + "` has version `0.1.1`");
  }

  /** A copy of OUT: its config copied, its images linked, but for the one left to tamper with. */
  private Path tamperedCopy(Path out, String name, String tampered) throws Exception {
    Path copy = tmp.resolve("tampered-" + name);
    Path config = out.resolve("config").toRealPath();
    try (Stream<Path> files = Files.walk(config)) {
      for (Path f : files.toList()) {
        Path to = copy.resolve("config").resolve(config.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to);
        }
      }
    }
    Files.createDirectories(copy.resolve("images"));
    for (Path image : images(out)) {
      if (!image.getFileName().toString().equals(tampered)) {
        Files.createSymbolicLink(copy.resolve("images").resolve(image.getFileName()), image);
      }
    }
    return copy;
  }

  private static void assertVerifyFails(Path spec, Path out, String expected) {
    StringWriter err = new StringWriter();
    assertEquals(
        1, ImageBuilds.applc(err, "verify", spec.toString(), out.toString()), err.toString());
    assertTrue(err.toString().contains(expected), err.toString());
    // Located at the spec, never a stack trace.
    assertTrue(err.toString().contains("--> minimal-signed.appliance:"), err.toString());
    assertFalse(err.toString().contains("Exception"), err.toString());
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + said);
  }

  private static StringWriter build(Path spec, Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("build", spec.toString(), "-o", out.toString()));
    args.addAll(List.of(more));
    StringWriter err = new StringWriter();
    int exit = ImageBuilds.applc(err, args.toArray(String[]::new));
    assertEquals(0, exit, err.toString());
    return err;
  }

  /** Each component of an SBOM by name, with its SHA-256 if it has one; a bundle's left out. */
  private static Map<String, String> withoutBundles(Bom bom) {
    Map<String, String> m = new TreeMap<>();
    for (Component c : bom.getComponents()) {
      String hash = Sboms.sha256(bom, c.getName());
      m.put(c.getName() + " " + c.getVersion(), c.getName().endsWith(".raucb") ? "" : hash);
    }
    return m;
  }

  private static List<Path> images(Path out) throws Exception {
    try (Stream<Path> s = Files.list(out.resolve("images"))) {
      return s.sorted().toList();
    }
  }

  private static byte[] sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (var in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 20];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return digest.digest();
  }
}
