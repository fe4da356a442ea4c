package dev.applc.backends.sysupdate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.backends.mkosi.MkosiBackend;
import dev.applc.backends.phases.PhasesSpecs;
import dev.applc.backends.repart.RepartBackend;
import dev.applc.compiler.backend.OutputFile;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.UpdatePolicy;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mkosi tree of every sysupdate appliance (the repository's spec folders and the variants of
 * {@link SysupdateConsistencyTest}) writes what the transfers look for. mkosi itself is not run
 * here (the host's is older than 25.3), so the test models what mkosi 25.3 does with the tree, from
 * its source ({@code mkosi/__init__.py}, {@code mkosi/config.py} at v25.3):
 *
 * <ul>
 *   <li>systemd-repart, run with {@code --split=yes} on {@code OUTPUT.raw} ({@code Output=}),
 *       writes {@code OUTPUT.SPLITNAME.raw} for every partition whose {@code SplitName=} (default
 *       {@code %t}) is not {@code -}; mkosi then compresses each with {@code CompressOutput=}, as
 *       {@code .zst} or {@code .xz} ({@code Compression.extension()});
 *   <li>the split UKI is copied, uncompressed, to {@code OUTPUT.efi} ({@code output_split_uki});
 *   <li>the UKI on the ESP is {@code UnifiedKernelImageFormat=}.efi, with {@code &c} the content of
 *       {@code /etc/kernel/tries} ({@code install_uki});
 *   <li>{@code mkosi.postoutput} then runs with {@code $OUTPUTDIR} holding those files.
 * </ul>
 *
 * <p>The stand-in files are made, the tree's post-output script is run on them for real, and what
 * is left must be exactly: one file per transfer, matched by its source pattern with the version
 * and the partition's UUID, and a SHA256SUMS that {@code sha256sum -c} accepts. Slot A's labels
 * must be matched by the target patterns as the installed version, the ESP's UKI by the UKI
 * transfer's, and {@code Seed=} must differ between versions, since repart derives the verity
 * signature partition's UUID from it.
 */
class MkosiSysupdateConsistencyTest {
  private static final String REPART_DIR = MkosiBackend.DIR + "/mkosi.repart";
  private static final String POSTOUTPUT = MkosiBackend.DIR + "/mkosi.postoutput";

  @TempDir Path dir;

  @TestFactory
  Stream<DynamicTest> mkosiWritesWhatTheTransfersLookFor() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String name : SpecFixtures.specNames()) {
      Appliance a = SpecFixtures.appliance(name);
      if (sysupdate(a)) {
        tests.add(DynamicTest.dynamicTest(name, () -> check(name, a)));
      }
    }
    SysupdateConsistencyTest.variants()
        .forEach(
            (name, text) ->
                tests.add(
                    DynamicTest.dynamicTest(
                        name,
                        () -> check(name, SpecFixtures.applianceOf(publishingUpdates(text))))));
    assertTrue(tests.size() > SysupdateConsistencyTest.variants().size(), "no sysupdate spec");
    return tests.stream();
  }

  private static boolean sysupdate(Appliance a) {
    return a.update().map(u -> u.method() == UpdatePolicy.Method.SYSUPDATE).orElse(false)
        && a.build().formats().contains("sysupdate");
  }

  /** A variant whose build also publishes the update's files. */
  private static String publishingUpdates(String text) {
    String formats = "    formats = [disk, sysupdate]\n";
    if (text.contains("  build {")) {
      return text.replace("  build {", "  build {\n" + formats);
    }
    int end = text.lastIndexOf('}');
    return text.substring(0, end) + "  build {\n" + formats + "  }\n" + text.substring(end);
  }

  private void check(String name, Appliance a) throws Exception {
    SpecFixtures.Generated g = generate(a);
    Map<String, String> conf = mkosiConf(g.file(MkosiBackend.CONF));
    Map<Character, String> mkosiSpecifiers =
        Map.of('i', conf.get("Output.ImageId"), 'v', conf.get("Output.ImageVersion"));
    assertEquals(a.version(), conf.get("Output.ImageVersion"));
    String output = expand(conf.getOrDefault("Output.Output", "%i_%v"), mkosiSpecifiers);

    Map<String, IniFile> transfers = new LinkedHashMap<>();
    for (OutputFile f : g.tree().under(SysupdateBackend.DEFINITIONS_DIR)) {
      transfers.put(f.path().substring(f.path().lastIndexOf('/') + 1), IniFile.parse(f.text()));
    }
    assertFalse(transfers.isEmpty(), name);

    // What mkosi leaves in $OUTPUTDIR before its post-output scripts run.
    Path out = Files.createDirectories(dir.resolve(name.replaceAll("[^A-Za-z0-9]", "_")));
    List<String> splits = List.of(conf.getOrDefault("Output.SplitArtifacts", "").split(","));
    String suffix =
        switch (conf.getOrDefault("Output.CompressOutput", "no")) {
          case "zstd" -> ".zst";
          case "xz" -> ".xz";
          default -> "";
        };
    Map<String, String> uuids = new HashMap<>();
    int n = 0;
    for (OutputFile f : g.tree().under(REPART_DIR)) {
      IniFile part = IniFile.parse(f.text());
      String splitName = part.get("Partition", "SplitName").orElse("%t");
      if (!splits.contains("partitions") || splitName.equals("-")) {
        continue;
      }
      String uuid = String.format("3f1c2a4e-8b7d-4e6f-9a0b-%012x", ++n);
      String file =
          output
              + "."
              + expand(splitName, Map.of('U', uuid, 't', part.require("Partition", "Type")))
              + ".raw";
      uuids.put(file, uuid);
      Files.writeString(out.resolve(file + suffix), file, StandardCharsets.UTF_8);
    }
    boolean uki = splits.contains("uki") && a.boot().uki().isPresent();
    if (uki) {
      Files.writeString(out.resolve(output + ".efi"), "uki", StandardCharsets.UTF_8);
    }
    Optional<OutputFile> postoutput = g.tree().get(POSTOUTPUT);
    if (postoutput.isPresent()) {
      PhasesSpecs.require("zstd");
      PhasesSpecs.require("sha256sum");
      Path script = dir.resolve(name.replaceAll("[^A-Za-z0-9]", "_") + ".postoutput");
      Files.write(script, postoutput.get().content());
      PhasesSpecs.ok(dir, List.of("bash", script.toString()), Map.of("OUTPUTDIR", out.toString()));
    }

    // Every file is one transfer's artifact, and every transfer finds its own.
    TreeSet<String> files = new TreeSet<>();
    try (Stream<Path> s = Files.list(out)) {
      s.forEach(p -> files.add(p.getFileName().toString()));
    }
    assertTrue(files.remove(Artifacts.CHECKSUMS), name + ": no SHA256SUMS in " + files);
    String sums = Files.readString(out.resolve(Artifacts.CHECKSUMS));
    assertEquals(
        files,
        sums.lines()
            .map(l -> l.substring(l.indexOf("  ") + 2))
            .collect(Collectors.toCollection(TreeSet::new)),
        name + ": SHA256SUMS lists the artifacts");
    PhasesSpecs.ok(out, List.of("sha256sum", "-c", "--quiet", Artifacts.CHECKSUMS), Map.of());
    Map<String, String> claimed = new LinkedHashMap<>();
    for (Map.Entry<String, IniFile> t : transfers.entrySet()) {
      SysupdatePattern source =
          SysupdatePattern.parse(
              IniFile.literalSpecifiers(t.getValue().require("Source", "MatchPattern")));
      List<String> matched = new ArrayList<>();
      for (String f : files) {
        source
            .match(f)
            .ifPresent(
                values -> {
                  matched.add(f);
                  assertEquals(a.version(), values.get('v'), t.getKey() + ": " + f);
                  if (values.containsKey('u')) {
                    assertEquals(
                        uuids.get(f.substring(0, f.indexOf(".raw") + 4)),
                        values.get('u'),
                        t.getKey() + ": " + f);
                  }
                });
      }
      assertEquals(
          1, matched.size(), name + ": " + t.getKey() + " matches " + matched + " of " + files);
      assertEquals(null, claimed.put(matched.get(0), t.getKey()), matched.get(0));
    }
    assertEquals(files, new TreeSet<>(claimed.keySet()), name + ": files no transfer fetches");

    // Slot A's labels name the installed version; the image's UKI is one the UKI transfer knows.
    for (Map.Entry<String, IniFile> t : transfers.entrySet()) {
      IniFile ini = t.getValue();
      List<SysupdatePattern> targets =
          Stream.of(ini.require("Target", "MatchPattern").split(" ", -1))
              .map(p -> SysupdatePattern.parse(IniFile.literalSpecifiers(p)))
              .toList();
      if (ini.require("Target", "Type").equals("partition")) {
        Partition p = slotA(a, t.getKey());
        String label =
            IniFile.literalSpecifiers(
                IniFile.parse(g.file(repartFile(g, p))).require("Partition", "Label"));
        assertEquals(
            Optional.of(Map.of('v', a.version())),
            targets.get(0).match(label),
            name + ": " + p.id() + " is labelled " + label);
      } else if (conf.getOrDefault("Content.Bootloader", "").equals("systemd-boot")) {
        String format = conf.get("Content.UnifiedKernelImageFormat");
        assertTrue(format != null, name + ": mkosi names the UKI &e-&k[-&h][+&c] by default");
        String installed = expand(format, mkosiSpecifiers);
        assertFalse(installed.contains("&"), installed + ": a UKI counter is for sysupdate's own");
        assertEquals(Artifacts.of(a).installedUki(a.version()), installed + ".efi");
        assertTrue(
            targets.stream()
                .anyMatch(
                    pattern ->
                        pattern
                            .match(installed + ".efi")
                            .map(v -> v.get('v').equals(a.version()))
                            .orElse(false)),
            name + ": " + installed + ".efi");
      }
    }

    // Another version gets another seed: repart derives the signature partition's UUID from it.
    String seed = conf.get("Output.Seed");
    if (seed != null) {
      Map<String, String> next =
          mkosiConf(generate(withVersion(a, a.version() + "1")).file(MkosiBackend.CONF));
      assertNotEquals(seed, next.get("Output.Seed"), name + ": two versions, one seed");
    }
  }

  private static SpecFixtures.Generated generate(Appliance a) {
    SpecFixtures.Generated g =
        SpecFixtures.run(a, new RepartBackend(), new SysupdateBackend(), new MkosiBackend());
    assertEquals(
        List.of(), g.diagnostics().stream().filter(Diagnostic::isError).toList(), g.rendered());
    return g;
  }

  /** The single-valued keys of a mkosi.conf as {@code Section.Key}; list items are skipped. */
  private static Map<String, String> mkosiConf(String text) {
    String singles = text.lines().filter(l -> !l.startsWith(" ")).collect(Collectors.joining("\n"));
    IniFile ini = IniFile.parse(singles);
    Map<String, String> out = new HashMap<>();
    for (String section : ini.sections()) {
      ini.section(section)
          .forEach(
              (k, v) -> {
                if (v.size() == 1 && !v.get(0).isEmpty()) {
                  out.put(section + "." + k, v.get(0));
                }
              });
    }
    return out;
  }

  /** Expands the given specifiers and {@code %%}; any other one is an error. */
  private static String expand(String value, Map<Character, String> specifiers) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      char s = value.charAt(++i);
      if (s == '%') {
        out.append('%');
      } else if (specifiers.containsKey(s)) {
        out.append(specifiers.get(s));
      } else {
        throw new AssertionError("unexpected specifier %" + s + " in " + value);
      }
    }
    return out.toString();
  }

  /** Slot A's partition of a partition transfer ({@code NN-NAME.transfer}). */
  private static Partition slotA(Appliance a, String transfer) {
    String name = transfer.replaceFirst("^[0-9]+-", "").replaceFirst("\\.(transfer|conf)$", "");
    String first = a.disk().slotNames().get(0);
    return a.disk().partitions().stream()
        .filter(p -> p.name().equals(name) && p.slot().equals(Optional.of(first)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no slot " + first + " partition " + name));
  }

  private static String repartFile(SpecFixtures.Generated g, Partition p) {
    return g.tree().under(REPART_DIR).stream()
        .map(OutputFile::path)
        .filter(f -> f.matches(".*/[0-9]+-" + java.util.regex.Pattern.quote(p.id()) + "\\.conf"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no mkosi.repart definition for " + p.id()));
  }

  /** The same appliance at another version: a record's copy with one component changed. */
  private static Appliance withVersion(Appliance a, String version) throws Exception {
    RecordComponent[] components = Appliance.class.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      values[i] =
          components[i].getName().equals("version")
              ? version
              : components[i].getAccessor().invoke(a);
    }
    return Appliance.class.getDeclaredConstructor(types).newInstance(values);
  }
}
