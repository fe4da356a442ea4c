package dev.applc.backends.rauc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.backends.repart.RepartBackend;
import dev.applc.compiler.backend.OutputFile;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.model.Appliance;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The generated files, parsed back, agree with each other: RAUC's slots name partitions that the
 * repart definitions create, the bundle installs on the device it is made for, and every image has
 * a slot to go to.
 */
class RaucConsistencyTest {
  static final List<String> RAUC = Specs.RAUC;

  private static final String PARTLABEL = "/dev/disk/by-partlabel/";

  /** Label → repart definition file, from every definition under rootfs/usr/lib/repart.d/. */
  private static Map<String, String> repartLabels(OutputTree t) {
    Map<String, String> labels = new HashMap<>();
    for (OutputFile f : t.under(RepartBackend.DEVICE_DIR)) {
      KeyFile def = KeyFile.parse(f.text());
      String label = def.get("Partition", "Label");
      assertTrue(labels.put(label, f.path()) == null, "two definitions create " + label);
    }
    return labels;
  }

  @ParameterizedTest
  @FieldSource("RAUC")
  void everySlotDeviceIsAPartitionRepartCreatesWithThatLabel(String spec) {
    OutputTree t = Specs.generate(spec);
    KeyFile conf = KeyFile.parse(t.get(RaucBackend.SYSTEM_CONF).orElseThrow().text());
    Map<String, String> labels = repartLabels(t);
    List<String> slots = conf.groupsStartingWith("slot.");
    assertTrue(!slots.isEmpty(), "no slots");
    for (String slot : slots) {
      String device = conf.get(slot, "device");
      assertTrue(device.startsWith(PARTLABEL), slot + ": " + device);
      String label = device.substring(PARTLABEL.length());
      assertTrue(
          labels.containsKey(label),
          "[" + slot + "] device " + device + ": no repart definition with Label=" + label);
    }
  }

  @ParameterizedTest
  @FieldSource("RAUC")
  void compatibleStringsAgree(String spec) {
    OutputTree t = Specs.generate(spec);
    KeyFile conf = KeyFile.parse(t.get(RaucBackend.SYSTEM_CONF).orElseThrow().text());
    KeyFile manifest = KeyFile.parse(t.get(RaucBackend.MANIFEST).orElseThrow().text());
    assertEquals(conf.get("system", "compatible"), manifest.get("update", "compatible"));
    Appliance a = Specs.appliance(spec);
    assertEquals(
        a.update().orElseThrow().compatible().or(a::compatible).orElseThrow(),
        manifest.get("update", "compatible"));
    assertEquals(a.version(), manifest.get("update", "version"));
  }

  @ParameterizedTest
  @FieldSource("RAUC")
  void everyImageGoesToASlotClassAndSuitsItsType(String spec) {
    OutputTree t = Specs.generate(spec);
    KeyFile conf = KeyFile.parse(t.get(RaucBackend.SYSTEM_CONF).orElseThrow().text());
    KeyFile manifest = KeyFile.parse(t.get(RaucBackend.MANIFEST).orElseThrow().text());
    Map<String, String> typeOfClass = new HashMap<>();
    for (String slot : conf.groupsStartingWith("slot.")) {
      String cls = slot.substring("slot.".length(), slot.lastIndexOf('.'));
      typeOfClass.put(cls, conf.get(slot, "type"));
    }
    List<String> images = manifest.groupsStartingWith("image.");
    assertTrue(!images.isEmpty(), "no images");
    for (String image : images) {
      String cls = image.substring("image.".length());
      assertTrue(typeOfClass.containsKey(cls), "[" + image + "] has no slot class " + cls);
      String file = manifest.get(image, "filename");
      String ext = file.substring(file.lastIndexOf('.') + 1);
      // RAUC 1.8's install handlers by extension and slot type.
      Set<String> fits =
          switch (typeOfClass.get(cls)) {
            case "ext4" -> Set.of("ext4", "img", "tar");
            case "vfat" -> Set.of("vfat", "img", "tar");
            default -> Set.of("img", "squashfs");
          };
      assertTrue(fits.contains(ext), file + " into a " + typeOfClass.get(cls) + " slot");
      assertEquals(cls + "." + ext, file, "the naming convention of BundleImages");
    }
  }

  @ParameterizedTest
  @FieldSource("RAUC")
  void slotGroupsHangTogether(String spec) {
    OutputTree t = Specs.generate(spec);
    KeyFile conf = KeyFile.parse(t.get(RaucBackend.SYSTEM_CONF).orElseThrow().text());
    Appliance a = Specs.appliance(spec);
    Set<String> bootnames = new TreeSet<>();
    for (String slot : conf.groupsStartingWith("slot.")) {
      Map<String, String> g = conf.group(slot);
      String index = slot.substring(slot.lastIndexOf('.') + 1);
      assertTrue(
          g.containsKey("bootname") ^ g.containsKey("parent"),
          slot + " has exactly one of bootname and parent");
      if (g.containsKey("parent")) {
        String parent = "slot." + g.get("parent");
        assertTrue(conf.has(parent), slot + ": no parent " + parent);
        assertTrue(conf.group(parent).containsKey("bootname"), parent + " is not bootable");
        assertTrue(parent.endsWith("." + index), slot + " and its parent are in one group");
      } else {
        String expected =
            a.disk().slotNames().get(Integer.parseInt(index)).toUpperCase(Locale.ROOT);
        assertEquals(expected, g.get("bootname"), slot);
        assertTrue(bootnames.add(g.get("bootname")), "bootname twice: " + g.get("bootname"));
      }
    }
    assertEquals(a.disk().slotNames().size(), bootnames.size(), "one bootname per slot");
  }
}
