package dev.applc.backends.sysupdate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.backends.repart.RepartBackend;
import dev.applc.compiler.backend.OutputFile;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.UpdatePolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The transfer files agree with the partition definitions and the artifact names, read back from
 * the generated text: every target pattern, filled with the longest version the spec allows, is a
 * GPT label that fits and extends slot A's label; its partition type is the one repart gives the
 * partition in every slot; the other slots start out free; every source pattern matches the file
 * the build publishes for that partition.
 */
class SysupdateConsistencyTest {
  private static final int GPT_LABEL_MAX = 36;
  private static final String UUID = "3f1c2a4e-8b7d-4e6f-9a0b-1c2d3e4f5a6b";
  private static final Pattern BLS_FILE_NAME = Pattern.compile("[A-Za-z0-9+_.-]{1,255}");

  /** Specs beside the repository's, each shaped differently. */
  static Map<String, String> variants() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("usr verity, trixie", Variants.trixie(Variants.SOURCE));
    v.put(
        "root verity, trixie",
        Variants.usrLayout(
            "trixie", Variants.ROOT_DISK, Variants.UKI + Variants.sysupdate(Variants.SOURCE)));
    v.put(
        "labels with @ and a long version",
        Variants.usrLayout(
            "trixie",
            "  disk extends ab-verity-usr {\n"
                + "    slots [a, b] { partition usr { label = \"u@{slot}\" } }\n"
                + "  }\n",
            Variants.UKI + Variants.sysupdate(Variants.SOURCE + "\n    max-version-length = 25")));
    v.put(
        "three slots, no UKI, no verity, gzip",
        Variants.usrLayout(
            "trixie",
            "  disk extends ab-verity-usr {\n"
                + "    slots [a, b, c] { partition usr { size = 512M; verity = off } }\n"
                + "  }\n",
            Variants.sysupdate(Variants.SOURCE) + "  build { compression = gzip }\n"));
    v.put(
        "signed verity, boot counting",
        Variants.usrLayout(
            "trixie",
            "  disk extends ab-verity-usr {\n"
                + "    slots [a, b] { partition usr { verity = signed(v) } }\n"
                + "  }\n"
                + "  key v { path = \"keys/v\" }\n",
            "  uki { boot-counting = on }\n" + Variants.sysupdate(Variants.SOURCE)));
    return v;
  }

  @TestFactory
  Stream<DynamicTest> transfersAgreeWithRepartAndArtifacts() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String name : SpecFixtures.specNames()) {
      tests.add(DynamicTest.dynamicTest(name, () -> check(SpecFixtures.appliance(name))));
    }
    variants()
        .forEach(
            (name, text) ->
                tests.add(
                    DynamicTest.dynamicTest(name, () -> check(SpecFixtures.applianceOf(text)))));
    return tests.stream();
  }

  static void check(Appliance a) {
    SpecFixtures.Generated g = SpecFixtures.run(a, new RepartBackend(), new SysupdateBackend());
    assertEquals(List.of(), g.diagnostics(), g.rendered());
    List<OutputFile> transfers = g.tree().under(SysupdateBackend.DEFINITIONS_DIR);
    Optional<UpdatePolicy> update =
        a.update().filter(u -> u.method() == UpdatePolicy.Method.SYSUPDATE);
    if (update.isEmpty()) {
      assertEquals(List.of(), transfers);
      return;
    }
    Map<String, IniFile> repart = new LinkedHashMap<>();
    for (OutputFile f : g.tree().under(RepartBackend.DEVICE_DIR)) {
      repart.put(f.path().substring(f.path().lastIndexOf('/') + 1), IniFile.parse(f.text()));
    }
    String version = "7".repeat(update.get().maxVersionLength());
    int slots = a.disk().slotNames().size();
    int partitionTransfers = 0;
    for (OutputFile f : transfers) {
      IniFile ini = IniFile.parse(f.text());
      String file = f.path().substring(f.path().lastIndexOf('/') + 1);
      assertEquals(List.of("Transfer", "Source", "Target"), ini.sections(), file);
      assertEquals("%A", ini.require("Transfer", "ProtectVersion"), file);
      assertEquals(String.valueOf(slots), ini.require("Target", "InstancesMax"), file);
      if (ini.require("Target", "Type").equals("partition")) {
        checkPartition(a, repart, file, ini, version);
        partitionTransfers++;
      } else {
        checkUki(a, update.get(), file, ini, version);
        assertEquals(transfers.get(transfers.size() - 1), f, "the UKI is written last");
      }
    }
    long slotted =
        a.disk().partitions().stream()
            .filter(p -> p.slot().equals(Optional.of(a.disk().slotNames().get(0))))
            .count();
    assertEquals(slotted, partitionTransfers, "one transfer per partition of a slot");
    assertEquals(a.boot().uki().isPresent() ? 1 : 0, transfers.size() - partitionTransfers);
  }

  private static void checkPartition(
      Appliance a, Map<String, IniFile> repart, String file, IniFile ini, String version) {
    String name = file.replaceFirst("^[0-9]+-", "").replaceFirst("\\.(transfer|conf)$", "");
    List<Partition> copies =
        a.disk().partitions().stream()
            .filter(p -> p.name().equals(name) && p.slot().isPresent())
            .sorted(Comparator.comparingInt(p -> a.disk().slotNames().indexOf(p.slot().get())))
            .toList();
    assertEquals(a.disk().slotNames().size(), copies.size(), file);
    String type = ini.require("Target", "MatchPartitionType");
    for (Partition p : copies) {
      assertEquals(repartOf(repart, p).require("Partition", "Type"), type, file + ": type");
    }
    for (Partition p : copies.subList(1, copies.size())) {
      assertEquals("_empty", repartOf(repart, p).require("Partition", "Label"), file);
    }
    String slotALabel =
        IniFile.literalSpecifiers(repartOf(repart, copies.get(0)).require("Partition", "Label"));

    assertEquals("auto", ini.require("Target", "Path"), file);
    String[] patterns = ini.require("Target", "MatchPattern").split(" ", -1);
    SysupdatePattern target = SysupdatePattern.parse(IniFile.literalSpecifiers(patterns[0]));
    String label = target.expand(Map.of('v', version));
    assertTrue(
        label.length() <= GPT_LABEL_MAX,
        file + ": `" + label + "` is longer than a GPT label may be");
    assertTrue(label.startsWith(slotALabel), file + ": `" + label + "` vs `" + slotALabel + "`");
    assertEquals(slotALabel + "_" + version, label, file);
    assertEquals(Optional.of(Map.of('v', version)), target.match(label), file);
    assertEquals(Optional.empty(), target.match("_empty"), file + ": a free slot is no version");

    Artifacts artifacts = Artifacts.of(a);
    SysupdatePattern source =
        SysupdatePattern.parse(IniFile.literalSpecifiers(ini.require("Source", "MatchPattern")));
    String artifact = artifacts.partitionFile(copies.get(0), "1.2.3", UUID);
    assertEquals(
        Optional.of(Map.of('v', "1.2.3", 'u', UUID)), source.match(artifact), file + ": source");
    assertTrue(
        artifact.startsWith(a.build().imageId() + "_1.2.3." + name + "." + UUID + ".raw"),
        artifact);
    assertEquals(
        artifact,
        source.expand(Map.of('v', "1.2.3", 'u', UUID)),
        file + ": the source pattern names exactly the artifact");
    // What systemd-repart --split=yes writes for an output ID_1.2.3.raw, before compression.
    String split =
        a.build().imageId()
            + "_1.2.3."
            + Artifacts.repartSplitName(copies.get(0)).replace("%U", UUID)
            + ".raw";
    assertTrue(
        artifact.equals(split) || artifact.startsWith(split + "."), artifact + " vs " + split);
  }

  private static void checkUki(
      Appliance a, UpdatePolicy u, String file, IniFile ini, String version) {
    Artifacts artifacts = Artifacts.of(a);
    SysupdatePattern source =
        SysupdatePattern.parse(IniFile.literalSpecifiers(ini.require("Source", "MatchPattern")));
    assertEquals(Optional.of(Map.of('v', "1.2.3")), source.match(artifacts.ukiFile("1.2.3")), file);
    assertEquals("regular-file", ini.require("Target", "Type"), file);
    assertEquals(Artifacts.UKI_DIRECTORY, ini.require("Target", "Path"), file);
    assertEquals("boot", ini.require("Target", "PathRelativeTo"), file);
    List<SysupdatePattern> targets =
        Stream.of(ini.require("Target", "MatchPattern").split(" ", -1))
            .map(p -> SysupdatePattern.parse(IniFile.literalSpecifiers(p)))
            .toList();
    Optional<String> tries = ini.get("Target", "TriesLeft");
    Map<Character, String> values =
        tries.isPresent()
            ? Map.of('v', version, 'l', tries.get(), 'd', ini.require("Target", "TriesDone"))
            : Map.of('v', version);
    String installed = targets.get(0).expand(values);
    assertTrue(BLS_FILE_NAME.matcher(installed).matches(), installed);
    assertTrue(installed.endsWith(".efi"), installed);
    if (tries.isPresent()) {
      assertEquals(String.valueOf(u.rollback().tries()), tries.get(), file);
      assertTrue(installed.endsWith("+" + tries.get() + "-0.efi"), installed);
    }
    String blessed = artifacts.installedUki(version);
    assertTrue(
        targets.stream().anyMatch(t -> t.match(blessed).isPresent()),
        file + ": the blessed name " + blessed + " is still matched");
  }

  private static IniFile repartOf(Map<String, IniFile> repart, Partition p) {
    Pattern name = Pattern.compile("[0-9]+-" + Pattern.quote(p.id()) + "\\.conf");
    return repart.entrySet().stream()
        .filter(e -> name.matcher(e.getKey()).matches())
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no repart definition for " + p.id()));
  }
}
