package dev.applc.backends.rauc;

import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.PartitionType;
import java.util.Locale;
import java.util.Optional;

/**
 * How slots boot when RAUC drives systemd-boot (docs/backends.md, "RAUC on UEFI"): one Boot Loader
 * Specification entry per slot on the shared ESP, {@code
 * loader/entries/NAME-GEN-SLOT+LEFT-DONE.conf}, starting that slot's unified kernel image {@code
 * /EFI/NAME/SLOT.efi}. systemd-boot boots the entry with tries left and the highest GEN, and counts
 * a try down at every boot; RAUC moves GEN and the tries through applc's backend script. A bundle
 * carries the kernel images of its root, and its hook puts the one for the slot it wrote onto the
 * ESP.
 *
 * <p>The build (ESP and bundle phases), the backend script and the bundle hook all take their names
 * from here, so that they agree.
 */
public final class SystemdBootSlots {
  private SystemdBootSlots() {}

  /** Where the device's backend script is. */
  public static final String BACKEND = "/usr/lib/rauc/applc-systemd-boot";

  /** The hook's file name in the bundle. */
  public static final String HOOK = "hook";

  /** The generation of the factory image's slot entry. */
  public static final int FACTORY_GENERATION = 1;

  /** The id of a slot in entry and kernel image names: its name in lower case. */
  public static String id(String slotName) {
    return slotName.toLowerCase(Locale.ROOT);
  }

  /** The ESP's mount point on the device, where the script and hook find the entries. */
  public static Optional<String> espMount(Appliance a) {
    return esp(a).flatMap(Partition::mount);
  }

  /** The ESP all slots share: an unslotted partition of type esp. */
  public static Optional<Partition> esp(Appliance a) {
    return a.disk().partitions().stream()
        .filter(p -> p.type().kind() == PartitionType.Kind.ESP && p.slot().isEmpty())
        .findFirst();
  }

  /** The folder of the slots' kernel images on the ESP, as systemd-boot writes paths. */
  public static String ukiFolder(Appliance a) {
    return "/EFI/" + a.name();
  }

  /** A slot's kernel image on the ESP, relative to the ESP's root. */
  public static String ukiOnEsp(Appliance a, String slotName) {
    return ukiFolder(a).substring(1) + "/" + id(slotName) + ".efi";
  }

  /** A slot's kernel image in a bundle. */
  public static String ukiInBundle(String slotName) {
    return "uki-" + id(slotName) + ".efi";
  }

  /** A slot's entry file name, with all its tries. */
  public static String entry(Appliance a, String slotName, int generation, int tries) {
    return a.name() + "-" + generation + "-" + id(slotName) + "+" + tries + ".conf";
  }

  /** The text of a slot's entry. */
  public static String entryText(Appliance a, String slotName) {
    return "title "
        + SlotClasses.bootname(slotName)
        + "\nefi "
        + ukiFolder(a)
        + "/"
        + id(slotName)
        + ".efi\n";
  }
}
