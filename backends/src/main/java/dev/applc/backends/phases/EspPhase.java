package dev.applc.backends.phases;

import dev.applc.backends.escape.Escape;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Board;
import dev.applc.compiler.model.Boot;
import dev.applc.compiler.model.EffectiveBoot;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.Partition.Contents.Kind;
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
    if (ukis.size() > 1) {
      // systemd-boot would start the UKI that sorts last, slot B's, whose partitions are empty
      // on a new disk: the first slot is the default until an update changes it.
      loaderConf.add("default " + ukis.get(0).get("plainName"));
    }
    m.put("loaderConf", String.join(" ", loaderConf.stream().map(Escape::shell).toList()));
    m.put("file", Escape.shell(layout.imageFile(p)));
    m.put("size", p.allocated());
    m.put("label", Escape.shell(FileSystemLabels.fat(p.label())));
    m.put("volumeId", Escape.shell(layout.uuid(p.name()).toString().substring(0, 8)));
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
}
