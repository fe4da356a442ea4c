package dev.applc.backends.uboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.backends.rauc.KeyFile;
import dev.applc.backends.rauc.RaucBackend;
import dev.applc.backends.rauc.Specs;
import dev.applc.backends.repart.RepartBackend;
import dev.applc.compiler.backend.OutputFile;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Board;
import dev.applc.compiler.model.Partition;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** fw_env.config, the boot script, RAUC and the disk agree. */
class UbootConsistencyTest {
  static final List<String> UBOOT = Specs.UBOOT;

  /** The primary GPT: protective MBR, header and 128 entries (34 sectors of 512 bytes). */
  private static final long PRIMARY_GPT = 34 * 512;

  @ParameterizedTest
  @FieldSource("UBOOT")
  void fwEnvConfigIsTheBoardsEnvironmentAndOverlapsNoPartition(String spec) {
    Appliance a = Specs.appliance(spec);
    Board.UbootEnv env = a.board().ubootEnv().orElseThrow();
    OutputTree t = Specs.generate(spec);
    List<FwEnvConfig.Copy> copies =
        FwEnvConfig.copies(t.get(UbootBackend.FW_ENV_CONFIG).orElseThrow().text());
    List<Long> offsets = new ArrayList<>(List.of(env.offset()));
    env.redundantOffset().ifPresent(offsets::add);
    assertEquals(offsets, copies.stream().map(FwEnvConfig.Copy::offset).toList());
    for (FwEnvConfig.Copy c : copies) {
      assertEquals(env.device(), c.device());
      assertEquals(env.size(), c.size());
      assertEquals(env.eraseSize(), c.eraseSize());
      if (c.device().equals(a.board().storage())) {
        long end = c.offset() + c.size();
        assertTrue(c.offset() >= PRIMARY_GPT, "copy at " + c.offset() + " overlaps the GPT");
        for (Partition p : a.disk().partitions()) {
          assertFalse(
              c.offset() < p.end() && p.offset() < end,
              "copy at 0x" + Long.toHexString(c.offset()) + " overlaps " + p.id());
        }
      }
    }
    if (copies.size() == 2) {
      FwEnvConfig.Copy x = copies.get(0);
      FwEnvConfig.Copy y = copies.get(1);
      assertFalse(x.offset() < y.offset() + y.size() && y.offset() < x.offset() + x.size());
    }
  }

  private static final Pattern CHOICE =
      Pattern.compile("setenv rauc_slot (\\w+)\\n\\s+setenv rauc_part (\\d+)");

  @ParameterizedTest
  @FieldSource("UBOOT")
  void eachBootnameBootsThePartitionRaucWritesForIt(String spec) {
    OutputTree t = Specs.generate(spec);
    String script = t.get(UbootBackend.BOOT_CMD).orElseThrow().text();
    KeyFile conf = KeyFile.parse(t.get(RaucBackend.SYSTEM_CONF).orElseThrow().text());
    // Partitions are numbered in the order repart creates them: definition file order.
    List<String> labels =
        t.under(RepartBackend.DEVICE_DIR).stream()
            .map(OutputFile::text)
            .map(text -> KeyFile.parse(text).get("Partition", "Label"))
            .toList();
    Matcher m = CHOICE.matcher(script);
    int found = 0;
    while (m.find()) {
      found++;
      String bootname = m.group(1);
      int number = Integer.parseInt(m.group(2));
      String slot =
          conf.groupsStartingWith("slot.").stream()
              .filter(g -> bootname.equals(conf.group(g).get("bootname")))
              .findFirst()
              .orElseThrow(() -> new AssertionError("RAUC has no slot with bootname " + bootname));
      assertEquals(
          "/dev/disk/by-partlabel/" + labels.get(number - 1),
          conf.get(slot, "device"),
          "slot " + bootname + " boots partition " + number);
    }
    assertEquals(Specs.appliance(spec).disk().slotNames().size(), found, script);
  }

  @ParameterizedTest
  @FieldSource("UBOOT")
  void triesAgreeBetweenRaucTheScriptAndTheInitialEnvironment(String spec) {
    OutputTree t = Specs.generate(spec);
    int tries = Specs.appliance(spec).update().orElseThrow().rollback().tries();
    KeyFile conf = KeyFile.parse(t.get(RaucBackend.SYSTEM_CONF).orElseThrow().text());
    assertEquals(Integer.toString(tries), conf.get("system", "boot-attempts"));
    assertEquals(Integer.toString(tries), conf.get("system", "boot-attempts-primary"));
    String hex = Integer.toHexString(tries);
    String env = t.get(UbootBackend.INITIAL_ENV).orElseThrow().text();
    String script = t.get(UbootBackend.BOOT_CMD).orElseThrow().text();
    for (String slot : Specs.appliance(spec).disk().slotNames()) {
      String bootname = slot.toUpperCase(java.util.Locale.ROOT);
      assertTrue(env.contains("\nBOOT_" + bootname + "_LEFT=" + hex + "\n"), env);
      assertTrue(script.contains("setenv BOOT_" + bootname + "_LEFT " + hex + "\n"), script);
    }
  }
}
