package dev.applc.backends.sysupdate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.applc.backends.RepoSpecs;
import dev.applc.backends.phases.PhasesSpecs;
import dev.applc.compiler.backend.OutputFile;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.model.Appliance;
import dev.applc.keys.KeyCreator;
import dev.applc.keys.KeyPlanner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sysupdate half of the bundle phase, run for real: {@code 90-bundle.sh} of {@code
 * rpi4-sysupdate} on stand-in images (its arm64 root file system cannot be built here, but this
 * phase only compresses, names and sums). Each artifact must decompress to its image, carry the
 * UUID its partition gets on the disk, and match exactly one transfer's source pattern; {@code
 * sha256sum -c} must accept SHA256SUMS.
 */
class SysupdateArtifactsRunTest {
  private static final String SPEC = "rpi4-sysupdate";

  @TempDir Path dir;

  @Test
  void theBundlePhaseWritesWhatTheTransfersLookForAndSumsIt() throws Exception {
    PhasesSpecs.require("gzip");
    PhasesSpecs.require("sha256sum");
    PhasesSpecs.require("gpg");
    OutputTree tree = PhasesSpecs.tree(SPEC);
    Path config = PhasesSpecs.write(tree, dir.resolve("config"));
    // The spec signs SHA256SUMS: its OpenPGP key, as `applc keys` makes it.
    Appliance spec =
        RepoSpecs.applianceOf(
            RepoSpecs.compileText(
                Files.readString(RepoSpecs.repoRoot().resolve(RepoSpecs.specFile(SPEC)))),
            false);
    assertFalse(
        new KeyCreator(spec.name(), dir, Instant.now()).run(KeyPlanner.plan(spec)).failed(),
        "keys");
    Path work = dir.resolve("work");
    Path images = work.resolve("images");
    Files.createDirectories(images);
    // What the earlier phases leave: the usr image, its verity tree, signature and root hash,
    // and the UKI. The signature partition's UUID is the first 128 bits of the root hash's
    // SHA-256 (sha256sum of the hex string).
    String rootHash = "0123456789abcdef0123456789abcdeffedcba9876543210fedcba9876543210";
    Files.writeString(images.resolve("usr.roothash"), rootHash + "\n");
    Random random = new Random(4);
    Map<String, byte[]> inputs =
        Map.of(
            "usr.erofs", bytes(random, 300_000),
            "usr.verity", bytes(random, 20_000),
            "usr.verity-sig", bytes(random, 900),
            "system_0.1.0.efi", bytes(random, 50_000));
    for (Map.Entry<String, byte[]> e : inputs.entrySet()) {
      Files.write(images.resolve(e.getKey()), e.getValue());
    }

    PhasesSpecs.ok(
        dir,
        List.of("bash", config.resolve("build/phases/90-bundle.sh").toString()),
        Map.of(
            "CONFIG", config.toString(),
            "SPEC_DIR", dir.toString(),
            "KEYS", dir.toString(),
            "WORK", work.toString(),
            "SOURCE_DATE_EPOCH", "1700000000"));

    Path update = images.resolve("sysupdate");
    PhasesSpecs.ok(update, List.of("sha256sum", "--strict", "-c", "SHA256SUMS"), Map.of());
    List<String> artifacts = new ArrayList<>();
    try (Stream<Path> s = Files.list(update)) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("SHA256SUMS"))
          .sorted()
          .forEach(artifacts::add);
    }
    assertEquals(
        List.of(
            "system_0.1.0.efi.gz",
            "system_0.1.0.usr-verity-sig.a76dcb31-d8fd-8f7f-b739-786f8a7902ea.raw.gz",
            "system_0.1.0.usr-verity.fedcba98-7654-3210-fedc-ba9876543210.raw.gz",
            "system_0.1.0.usr.01234567-89ab-cdef-0123-456789abcdef.raw.gz"),
        artifacts);
    String sums = Files.readString(update.resolve("SHA256SUMS"), StandardCharsets.UTF_8);
    assertEquals(artifacts.size(), sums.lines().count(), sums);

    // Each transfer's source pattern matches exactly one artifact, with the version.
    List<SysupdatePattern> sources = new ArrayList<>();
    for (OutputFile f : tree.under("rootfs/usr/lib/sysupdate.d")) {
      IniFile ini = IniFile.parse(new String(f.content(), StandardCharsets.UTF_8));
      sources.add(SysupdatePattern.parse(ini.section("Source").get("MatchPattern").get(0)));
    }
    assertEquals(artifacts.size(), sources.size());
    for (SysupdatePattern source : sources) {
      List<String> matched = artifacts.stream().filter(a -> source.match(a).isPresent()).toList();
      assertEquals(1, matched.size(), source + " matches " + matched);
      assertEquals("0.1.0", source.match(matched.get(0)).orElseThrow().get('v'));
    }

    // And each decompresses to the image it was made from.
    Map<String, String> madeFrom =
        Map.of(
            artifacts.get(0), "system_0.1.0.efi",
            artifacts.get(1), "usr.verity-sig",
            artifacts.get(2), "usr.verity",
            artifacts.get(3), "usr.erofs");
    for (Map.Entry<String, String> e : madeFrom.entrySet()) {
      Path out = dir.resolve(e.getValue() + ".out");
      PhasesSpecs.ok(
          dir,
          List.of(
              "sh",
              "-c",
              "gzip -d -c \"$1\" >\"$2\"",
              "gunzip",
              update.resolve(e.getKey()).toString(),
              out.toString()),
          Map.of());
      assertArrayEquals(inputs.get(e.getValue()), Files.readAllBytes(out), e.getKey());
    }
  }

  private static byte[] bytes(Random random, int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return b;
  }
}
