package dev.applc.backends.systemd;

import dev.applc.backends.ImageUuids;
import dev.applc.backends.template.Templates;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.Partition.Contents.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encryption of a partition that holds the OS. The build cannot encrypt it: no key of the device
 * exists yet, and a key baked into the image would open every device made from it. So the build
 * writes the file system plain, leaving room for the LUKS2 header, and the first boot encrypts it
 * in place from the initrd, with a key of its own that it seals to the TPM2 and then wipes.
 */
public final class InPlaceEncryption {
  /** The room left free at the end of the partition: twice the LUKS2 header, as cryptsetup asks. */
  public static final long HEADER_ROOM = 32L * 1024 * 1024;

  /** Where the config tree holds the initrd's units. */
  public static final String INITRD_UNITS = "initrd/units";

  private InPlaceEncryption() {}

  /** The partitions that the build writes plain and the first boot encrypts. */
  public static List<Partition> partitions(Appliance a) {
    String first = a.disk().slotNames().isEmpty() ? "" : a.disk().slotNames().get(0);
    return a.disk().partitions().stream()
        .filter(p -> p.encryption().isPresent())
        .filter(p -> p.contents().kind() == Kind.OS || p.contents().kind() == Kind.USR)
        .filter(p -> p.slot().isEmpty() || p.slot().get().equals(first))
        .toList();
  }

  /** The initrd unit that encrypts the partition. */
  public static String unitName(Partition p) {
    return "applc-encrypt-" + p.id() + ".service";
  }

  /** The device the unit encrypts, and crypttab opens: the partition by its GPT label. */
  static String device(Partition p) {
    return "/dev/disk/by-partlabel/" + p.label();
  }

  static void write(BackendContext ctx) {
    Appliance a = ctx.appliance();
    for (Partition p : partitions(a)) {
      Partition.Encryption e = p.encryption().orElseThrow();
      if (!e.unlock().contains("tpm2")) {
        continue; // the checker reports it: nothing could open the volume after the first boot
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("header", ctx.header("#"));
      m.put("partition", p.id());
      // The file system's UUID, as the images phase gives it (Layout.uuid of the partition).
      m.put("fileSystemUuid", ImageUuids.of(a, p.name()).toString());
      m.put("device", device(p));
      m.put("deviceUnit", UnitNames.device(device(p)));
      m.put("cryptsetupUnit", "systemd-cryptsetup@" + Mounts.mapperName(p) + ".service");
      m.put(
          "pcrs",
          e.tpm2Pcrs().isEmpty()
              ? "7"
              : String.join("+", e.tpm2Pcrs().stream().map(String::valueOf).toList()));
      m.put("headerRoom", HEADER_ROOM / (1024 * 1024) + "M");
      ctx.out()
          .add(
              INITRD_UNITS + "/" + unitName(p),
              Templates.render("systemd/encrypt-in-place.service.ftl", m),
              OutputTree.MODE_FILE,
              List.of(p.origin().span()));
    }
  }
}
