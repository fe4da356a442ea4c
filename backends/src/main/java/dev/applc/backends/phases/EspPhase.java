package dev.applc.backends.phases;

import dev.applc.backends.escape.Escape;
import dev.applc.backends.rauc.RaucBootloader;
import dev.applc.backends.rauc.SystemdBootSlots;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Board;
import dev.applc.compiler.model.Boot;
import dev.applc.compiler.model.EffectiveBoot;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.Partition.Contents.Kind;
import dev.applc.compiler.model.UpdatePolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code 75-esp}: the EFI system partition, filled with mtools: boot loader, UKIs and loader.conf.
 */
final class EspPhase {
  private EspPhase() {}

  static Optional<Phase> build(PhaseContext c) {
    Appliance a = c.appliance();
    Layout layout = c.layout();
    Optional<Partition> esp =
        layout.partitions().stream()
            .filter(p -> p.contents().kind() == Kind.BOOT && layout.firstSlot(p))
            .findFirst();
    if (esp.isEmpty()) {
      return Optional.empty();
    }
    Partition p = esp.get();
    Map<String, Object> m = new LinkedHashMap<>();
    Board board = a.board();
    if (board.firmware() != Board.Firmware.UEFI) {
      m.put(
          "fail",
          Escape.shell(
              "the boot partition of a "
                  + board.firmware().id()
                  + " board needs the board's firmware files (and a boot script for u-boot), which"
                  + " applc build does not add yet; only UEFI boards get a built ESP"));
    }
    m.put("efiArch", board.arch().efiSuffix());
    m.put("efiArchUpper", board.arch().efiSuffix().toUpperCase(Locale.ROOT));
    String bootloader = EffectiveBoot.uki(a).map(Boot.Uki::bootloader).orElse("systemd-boot");
    m.put("bootloader", bootloader.equals("none") ? "none" : "systemd-boot");
    List<Map<String, Object>> ukis = Ukis.of(c);
    m.put("ukis", ukis);
    PhaseKeys.secureBoot(a)
        .ifPresent(
            k -> {
              m.put("key", Escape.shell(k.privateKey().orElseThrow()));
              m.put("cert", Escape.shell(k.certificate().orElseThrow()));
            });
    List<String> loaderConf = new ArrayList<>(List.of("timeout 0", "editor no"));
    Optional<Map<String, Object>> slotEntry = slotEntry(a, ukis);
    if (slotEntry.isPresent()) {
      m.put("slotEntry", slotEntry.get());
      // The entry with tries left and the highest generation: see SystemdBootSlots.
      loaderConf.add("default " + a.name() + "-*");
    } else if (ukis.size() > 1) {
      // systemd-boot would start the UKI that sorts last, slot B's, whose partitions are empty
      // on a new disk: the first slot is the default until an update changes it.
      loaderConf.add("default " + ukis.get(0).get("plainName"));
    }
    m.put("loaderConf", String.join(" ", loaderConf.stream().map(Escape::shell).toList()));
    // One FAT image per ESP the build fills: the first slot's, and with no boot loader every
    // other slot's too, with the same files (see Layout.bootedByFirmwareInEverySlot).
    List<Map<String, Object>> images = new ArrayList<>();
    for (Partition slot : layout.partitions()) {
      if (!slot.name().equals(p.name()) || !layout.filled(slot)) {
        continue;
      }
      Map<String, Object> image = new LinkedHashMap<>();
      image.put("file", Escape.shell(layout.imageFile(slot)));
      image.put("size", slot.allocated());
      image.put("label", Escape.shell(FileSystemLabels.fat(slot.label())));
      image.put(
          "volumeId", Escape.shell(layout.uuid(layout.builtName(slot)).toString().substring(0, 8)));
      images.add(image);
    }
    m.put("images", images);
    return Optional.of(
        PhaseScript.render(
            c.ctx(),
            "75-esp",
            "the EFI system partition, filled with mtools: boot loader, UKI, loader.conf.",
            List.of(),
            "esp",
            m,
            PhaseKeys.inputs(PhaseKeys.secureBoot(a)),
            List.of(),
            false,
            List.of(p.origin().span())));
  }

  /**
   * With RAUC on UEFI, slots boot through entries that RAUC's backend moves (SystemdBootSlots): the
   * factory disk holds the first slot's kernel image and its entry, with all its tries; the other
   * slots are empty, and get both from the bundle that fills them.
   */
  private static Optional<Map<String, Object>> slotEntry(
      Appliance a, List<Map<String, Object>> ukis) {
    boolean rauc = a.update().map(u -> u.method() == UpdatePolicy.Method.RAUC).orElse(false);
    if (!rauc || RaucBootloader.of(a) != RaucBootloader.CUSTOM || ukis.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> first = ukis.get(0);
    String slot = (String) first.get("slot");
    if (slot.isEmpty()) {
      return Optional.empty();
    }
    int tries = a.update().get().rollback().tries();
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("file", first.get("file"));
    e.put("folder", Escape.shell(SystemdBootSlots.ukiFolder(a).substring(1)));
    e.put("target", Escape.shell(SystemdBootSlots.ukiOnEsp(a, slot)));
    e.put(
        "entry",
        Escape.shell(SystemdBootSlots.entry(a, slot, SystemdBootSlots.FACTORY_GENERATION, tries)));
    e.put(
        "lines",
        String.join(" ", SystemdBootSlots.entryText(a, slot).lines().map(Escape::shell).toList()));
    return Optional.of(e);
  }
}
