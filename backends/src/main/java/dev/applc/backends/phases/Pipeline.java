package dev.applc.backends.phases;

import dev.applc.compiler.backend.BackendContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which phases an appliance's build has, in their order. Each phase builds its own script ({@code
 * BootstrapPhase} for {@code 00-bootstrap}, ...) and leaves itself out where it has nothing to do;
 * here are only the choices that depend on what the build makes: partition images for a disk, a
 * bundle or sysupdate files, UKIs on UEFI boards, the ESP and the disk for a disk image.
 */
final class Pipeline {
  private final PhaseContext c;

  Pipeline(BackendContext ctx) {
    this.c = PhaseContext.of(ctx);
  }

  List<Phase> phases() {
    List<Optional<Phase>> phases = new ArrayList<>();
    phases.add(BootstrapPhase.build(c));
    phases.add(PackagesPhase.build(c));
    phases.add(FilesPhase.build(c));
    phases.add(ConfigurePhase.build(c));
    phases.add(StripPhase.build(c));
    phases.add(InitrdPhase.build(c));
    if (c.makesImages()) {
      phases.add(ImagesPhase.build(c));
      phases.add(VerityPhase.build(c));
    }
    if (c.appliance().board().firmware().isUefi()) {
      phases.add(UkiPhase.build(c));
    }
    if (c.wants("disk")) {
      phases.add(EspPhase.build(c));
      phases.add(DiskPhase.build(c));
    }
    phases.add(BundlePhase.build(c));
    return phases.stream().flatMap(Optional::stream).toList();
  }
}
