package dev.applc.backends.phases;

import dev.applc.backends.kernel.KernelBackend;
import dev.applc.backends.rauc.RaucBootloader;
import dev.applc.backends.rauc.SystemdBootSlots;
import dev.applc.backends.sysupdate.Artifacts;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.UpdatePolicy;
import java.util.List;

/**
 * The UKIs the {@code 70-uki} phase makes, as data: one per kernel command line file, named as
 * {@link Ukis} names them, and where the ESP phase puts the first one. {@code applc verify} checks
 * the built files against these.
 */
public final class BuiltUkis {
  private BuiltUkis() {}

  /**
   * One UKI.
   *
   * @param cmdline the command line file it was made from, in the compiled tree
   * @param slot the slot it boots, empty when all slots share one command line
   * @param file its file name under the images folder
   */
  public record Uki(String cmdline, String slot, String file) {}

  public static List<Uki> of(Appliance a, OutputTree tree) {
    Artifacts names = Artifacts.of(a);
    return tree.files().stream()
        .map(f -> f.path())
        .filter(p -> p.equals(KernelBackend.CMDLINE) || p.startsWith(KernelBackend.CMDLINE + "-"))
        .map(
            p -> {
              String suffix = p.substring(KernelBackend.CMDLINE.length());
              String file =
                  suffix.isEmpty()
                      ? names.installedUki(a.version())
                      : a.build().imageId() + "_" + a.version() + suffix + ".efi";
              return new Uki(p, suffix.isEmpty() ? "" : suffix.substring(1), file);
            })
        .toList();
  }

  /**
   * Where the first UKI is on the built ESP, relative to its root: a slot's boot entry target with
   * RAUC's systemd-boot slots, else {@code EFI/Linux/FILE}.
   */
  public static String onEsp(Appliance a, Uki first) {
    boolean rauc = a.update().map(u -> u.method() == UpdatePolicy.Method.RAUC).orElse(false);
    // As EspPhase.slotEntry decides.
    if (rauc && RaucBootloader.of(a) == RaucBootloader.CUSTOM && !first.slot().isEmpty()) {
      return SystemdBootSlots.ukiOnEsp(a, first.slot());
    }
    return "EFI/Linux/" + first.file();
  }
}
