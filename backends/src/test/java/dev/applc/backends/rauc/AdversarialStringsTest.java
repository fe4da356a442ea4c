package dev.applc.backends.rauc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.backends.uboot.UbootBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Hostile strings in every spec property that reaches a RAUC or u-boot file: each is either
 * rejected with a diagnostic, or arrives in the file meaning exactly what the spec said, with no
 * key, group, column or command of its own.
 */
class AdversarialStringsTest {
  static final List<String> CORPUS =
      List.of(
          "%n",
          "a%%b",
          "line\nbreak",
          "$HOME",
          "${x}",
          "\"q\"",
          "'q'",
          "a;b",
          "a b",
          " lead",
          "trail ",
          "back\\slash",
          "`cmd`",
          "#hash",
          "[group]",
          "key=value",
          "tab\there",
          "\\n");

  /** A spec with one placeholder {@code @X@} for the string literal, and what must hold. */
  private record Case(String property, String spec, BiConsumer<String, Specs.Outcome> check) {}

  private static final String UBOOT_BOARD =
      """
      applc 1

      board b {
        arch        = arm64
        firmware    = uboot
        family      = raspberry-pi
        console     = @CONSOLE@
        device-tree = @DT@
        storage     = "/dev/mmcblk0"
        uboot-env {
          device           = @ENVDEV@
          offset           = 0x100000
          redundant-offset = 0x200000
          size             = 0x8000
        }
      }
      """;

  private static String ubootSpec(String console, String dt, String envDev, String cmdline) {
    String board =
        UBOOT_BOARD.replace("@CONSOLE@", console).replace("@DT@", dt).replace("@ENVDEV@", envDev);
    String appliance =
        TestSpecs.raucUboot("a, b", "kernel {\n    cmdline = [" + cmdline + "]\n  }")
            .replace("applc 1\n\nimport std:boards/rpi400-uboot\n", "")
            .replace("board      = rpi400-uboot", "board      = b");
    return board + appliance;
  }

  private static final Pattern SCRIPT_SAFE = Pattern.compile("[A-Za-z0-9_.,:=/+@%~ -]*");

  private static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    cases.add(
        new Case(
            "compatible",
            TestSpecs.raucUefi("bookworm", "", "").replace("\"t-x86\"", "@X@"),
            (s, o) -> {
              assertEquals(s, keyFile(o, RaucBackend.SYSTEM_CONF).get("system", "compatible"));
              assertEquals(s, keyFile(o, RaucBackend.MANIFEST).get("update", "compatible"));
            }));
    cases.add(
        new Case(
            "update compatible",
            TestSpecs.raucUefi("bookworm", "compatible = @X@", ""),
            (s, o) -> {
              assertEquals(s, keyFile(o, RaucBackend.SYSTEM_CONF).get("system", "compatible"));
              assertEquals(s, keyFile(o, RaucBackend.MANIFEST).get("update", "compatible"));
            }));
    cases.add(
        new Case(
            "description",
            TestSpecs.raucUefi("bookworm", "", "description = @X@"),
            (s, o) ->
                assertEquals(s, keyFile(o, RaucBackend.MANIFEST).get("update", "description"))));
    cases.add(
        new Case(
            "version",
            TestSpecs.raucUefi("bookworm", "", "").replace("\"1.0\"", "@X@"),
            (s, o) -> assertEquals(s, keyFile(o, RaucBackend.MANIFEST).get("update", "version"))));
    cases.add(
        new Case(
            "data mount",
            TestSpecs.raucUboot("a, b", "").replace("\"/data\"", "@X@"),
            (s, o) ->
                assertEquals(
                    s + "/rauc",
                    keyFile(o, RaucBackend.SYSTEM_CONF).get("system", "data-directory"))));
    cases.add(
        new Case(
            "label",
            TestSpecs.raucUboot("a, b", "").replace("\"rootfs-{slot}\"", "@X@"),
            (s, o) -> {
              KeyFile conf = keyFile(o, RaucBackend.SYSTEM_CONF);
              assertEquals(
                  "/dev/disk/by-partlabel/" + s.replace("{slot}", "a"),
                  conf.get("slot.root.0", "device"));
            }));
    cases.add(
        new Case(
            "console",
            ubootSpec("@X@", "\"b.dtb\"", "\"/dev/mmcblk0\"", ""),
            (s, o) -> {
              assertTrue(Pattern.matches("[A-Za-z0-9_.,:=/+@%~-]+", s), "accepted " + s);
              assertTrue(o.text(UbootBackend.BOOT_CMD).contains("\"console=" + s + " "));
            }));
    cases.add(
        new Case(
            "kernel cmdline",
            ubootSpec("\"ttyS1,115200\"", "\"b.dtb\"", "\"/dev/mmcblk0\"", "@X@"),
            (s, o) -> {
              assertTrue(SCRIPT_SAFE.matcher(s).matches(), "accepted " + s);
              assertTrue(o.text(UbootBackend.BOOT_CMD).contains(" " + s + " root=PARTUUID="));
            }));
    cases.add(
        new Case(
            "device tree",
            ubootSpec("\"ttyS1,115200\"", "@X@", "\"/dev/mmcblk0\"", ""),
            (s, o) -> {
              assertTrue(Pattern.matches("[A-Za-z0-9_.,+/-]+", s), "accepted " + s);
              assertTrue(o.text(UbootBackend.BOOT_CMD).contains(" /boot/dtbs/" + s + "; then"));
            }));
    cases.add(
        new Case(
            "u-boot environment device",
            ubootSpec("\"ttyS1,115200\"", "\"b.dtb\"", "@X@", ""),
            (s, o) -> {
              for (String line : o.text(UbootBackend.FW_ENV_CONFIG).lines().toList()) {
                if (!line.startsWith("#")) {
                  String[] columns = line.trim().split("\\s+", -1);
                  assertEquals(4, columns.length, line);
                  assertEquals(s, columns[0]);
                }
              }
            }));
    return cases;
  }

  private static KeyFile keyFile(Specs.Outcome o, String path) {
    return KeyFile.parse(o.text(path));
  }

  /** Strings a property gets: the corpus as is, and (for paths) after a leading folder. */
  private static List<String> values(Case c) {
    List<String> values = new ArrayList<>(CORPUS);
    if (c.property().equals("data mount") || c.property().equals("u-boot environment device")) {
      values.replaceAll(s -> "/x" + s);
    }
    if (c.property().equals("label")) {
      values.replaceAll(s -> "rootfs-{slot}" + s);
    }
    return values;
  }

  @TestFactory
  Stream<DynamicTest> everyStringIsRejectedOrMeansItself() {
    return cases().stream()
        .flatMap(
            c ->
                values(c).stream()
                    .map(
                        s ->
                            DynamicTest.dynamicTest(
                                c.property() + " " + TestSpecs.literal(s),
                                () -> {
                                  Specs.Outcome o =
                                      Specs.generateText(
                                          c.spec().replace("@X@", TestSpecs.literal(s)));
                                  if (!o.rejected()) {
                                    c.check().accept(s, o);
                                  }
                                })));
  }

  /** Each case accepts a plain value, so that rejecting the hostile ones means something. */
  @TestFactory
  Stream<DynamicTest> everyCaseAcceptsAPlainValue() {
    return cases().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.property(),
                    () -> {
                      String plain = values(c).get(CORPUS.indexOf("a b")).replace("a b", "v1");
                      Specs.Outcome o =
                          Specs.generateText(c.spec().replace("@X@", TestSpecs.literal(plain)));
                      assertTrue(o.diagnostics().isEmpty(), o.rendered());
                      c.check().accept(plain, o);
                    }));
  }

  /** The same corpus never changes the shape of the files: groups and keys stay as they were. */
  @TestFactory
  Stream<DynamicTest> noStringAddsAGroupOrKey() {
    Specs.Outcome base =
        Specs.generateText(TestSpecs.raucUefi("bookworm", "", "description = \"d\""));
    List<String> baseGroups = keyFile(base, RaucBackend.SYSTEM_CONF).groups();
    List<String> baseManifest = keyFile(base, RaucBackend.MANIFEST).groups();
    return CORPUS.stream()
        .map(
            s ->
                DynamicTest.dynamicTest(
                    TestSpecs.literal(s),
                    () -> {
                      String spec =
                          TestSpecs.raucUefi("bookworm", "", "description = @X@")
                              .replace("\"t-x86\"", "@X@")
                              .replace("@X@", TestSpecs.literal(s));
                      Specs.Outcome o = Specs.generateText(spec);
                      if (o.rejected()) {
                        return;
                      }
                      KeyFile conf = keyFile(o, RaucBackend.SYSTEM_CONF);
                      KeyFile m = keyFile(o, RaucBackend.MANIFEST);
                      assertEquals(baseGroups, conf.groups());
                      assertEquals(baseManifest, m.groups());
                      assertEquals(
                          keyFile(base, RaucBackend.SYSTEM_CONF).group("system").keySet(),
                          conf.group("system").keySet());
                      assertEquals(
                          keyFile(base, RaucBackend.MANIFEST).group("update").keySet(),
                          m.group("update").keySet());
                    }));
  }
}
