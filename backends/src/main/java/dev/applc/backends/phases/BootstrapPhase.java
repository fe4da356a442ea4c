package dev.applc.backends.phases;

import dev.applc.backends.escape.Escape;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.OciImage;
import dev.applc.compiler.model.OperatingSystem;
import dev.applc.compiler.model.OperatingSystem.Distribution;
import dev.applc.compiler.model.UnitCommands;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code 00-bootstrap}: the root file system, from the distribution's packages (mmdebstrap with the
 * packages the initrd and verity need, a local OCI image that applc itself unpacks, or pacstrap and
 * apk, which stop with a message). The only phase the cache keeps a checkpoint after.
 */
final class BootstrapPhase {
  private BootstrapPhase() {}

  static Optional<Phase> build(PhaseContext c) {
    Appliance a = c.appliance();
    Layout layout = c.layout();
    OperatingSystem os = a.os();
    Map<String, Object> m = new LinkedHashMap<>();
    List<String> packages = new ArrayList<>(UnitCommands.imagePackages(a));
    a.boot().kernel().packageName().filter(k -> !packages.contains(k)).ifPresent(packages::add);
    os.mirror().ifPresent(mirror -> m.put("mirror", Escape.shell(mirror)));
    m.put("arch", Escape.shell(a.board().arch().debianArch()));
    List<String> notes = new ArrayList<>();
    List<Phase.Input> inputs = new ArrayList<>();
    String purpose = "the root file system, from the distribution's packages.";
    if (os.ociImage().isPresent()) {
      OciImage image = os.ociImage().get();
      m.put("tool", "oci");
      m.put("image", Escape.shell(image.path()));
      image.ref().ifPresent(ref -> m.put("ref", Escape.shell(ref)));
      m.put("platform", Escape.shell("linux/" + a.board().arch().debianArch()));
      // The image is the phase's input: a new image (another layer, another tag) bootstraps again.
      inputs.add(new Phase.Input(Phase.Root.SPEC, image.path()));
      purpose = "the root file system, from a local OCI image.";
    } else if (os.distribution() == Distribution.DEBIAN) {
      List<String> extras = new ArrayList<>();
      if (InitrdPhase.generator(a).equals("initramfs-tools")) {
        extras.add("initramfs-tools");
        extras.add("zstd");
      } else if (InitrdPhase.generator(a).equals("dracut")) {
        extras.add("dracut");
      }
      if (layout.verityData().findAny().isPresent()) {
        extras.add("cryptsetup-bin");
      }
      if (os.rootInInitrd()) {
        extras.addAll(InitramfsRoot.bootstrapPackages(a));
      }
      extras.removeAll(packages);
      LinkedHashSet<String> include = new LinkedHashSet<>(packages);
      include.addAll(extras);
      m.put("tool", "mmdebstrap");
      m.put("include", Escape.shell(String.join(",", include)));
      m.put("release", Escape.shell(os.release()));
      m.put(
          "extras",
          extras.isEmpty()
              ? "none"
              : String.join(", ", extras)
                  + (os.rootInInitrd()
                      ? " (the EFI stub, which 50-initrd removes again, and the data disk's tools)"
                      : " (for the initrd and verity)"));
    } else {
      boolean arch = os.distribution() == Distribution.ARCH;
      m.put("tool", arch ? "pacstrap" : "apk");
      m.put("distro", arch ? "Arch Linux" : "Alpine Linux");
      m.put("packages", ShellWords.of(packages));
      notes.add(
          "pacstrap and apk are not part of this machine's Debian: the phase says so and stops.");
    }
    return Optional.of(
        PhaseScript.render(
            c.ctx(),
            "00-bootstrap",
            purpose,
            notes,
            "bootstrap",
            m,
            inputs,
            List.of(),
            true,
            List.of(os.origin().span())));
  }
}
