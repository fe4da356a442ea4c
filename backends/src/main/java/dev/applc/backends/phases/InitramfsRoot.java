package dev.applc.backends.phases;

import dev.applc.backends.escape.Escape;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Partition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code 50-initrd} of an appliance whose OS is the UKI's initrd ({@code os { root = initrd }}):
 * takes the kernel and the target's EFI stub out of the root file system, keeps only the kernel
 * modules the spec names, installs the spec's {@code /init} and packs the root into a reproducible
 * cpio archive (newc, sorted, mtimes clamped to the source date, no inode or device numbers of this
 * machine), compressed as the spec says.
 */
final class InitramfsRoot {
  /** The package of systemd's EFI stub: installed for the build, removed before the archive. */
  static final String STUB_PACKAGE = "systemd-boot-efi";

  /** Where 50-initrd leaves the target's EFI stub for 70-uki, under the work folder. */
  static final String STUB_DIR = "uki";

  private InitramfsRoot() {}

  /**
   * What the bootstrap installs besides the spec's packages: the EFI stub, and the tools with which
   * the data disk is partitioned and formatted on the device.
   */
  static List<String> bootstrapPackages(Appliance a) {
    Set<String> extras = new LinkedHashSet<>();
    extras.add(STUB_PACKAGE);
    if (!a.disk().partitions().isEmpty()) {
      extras.add("fdisk");
    }
    for (Partition p : a.disk().partitions()) {
      switch (p.format()) {
        case EXT4 -> extras.add("e2fsprogs");
        case XFS -> extras.add("xfsprogs");
        case BTRFS -> extras.add("btrfs-progs");
        case VFAT -> extras.add("dosfstools");
        default -> {}
      }
    }
    return List.copyOf(extras);
  }

  static Phase build(PhaseContext c) {
    Appliance a = c.appliance();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("efiArch", a.board().arch().efiSuffix());
    m.put("stubDir", STUB_DIR);
    m.put("purgeStub", !a.os().packages().contains(STUB_PACKAGE));
    m.put("stubPackage", STUB_PACKAGE);
    m.put("modules", a.boot().kernel().modules().stream().map(Escape::shell).toList());
    m.put("compressor", Compression.initramfs(a.build().compression()));
    List<Phase.Input> inputs = new ArrayList<>();
    Optional<String> init = a.boot().initrd().init();
    init.ifPresent(
        i -> {
          m.put("init", Escape.shell(i));
          inputs.add(new Phase.Input(Phase.Root.SPEC, i));
        });
    List<String> notes = new ArrayList<>();
    notes.add(
        "The OS is the UKI's initrd (os { root = initrd }): the whole root file system is the");
    notes.add("archive, and the kernel runs its /init.");
    return PhaseScript.render(
        c.ctx(),
        "50-initrd",
        "the kernel, the EFI stub, and the root file system as the UKI's initramfs.",
        notes,
        "initramfs",
        m,
        inputs,
        List.of(),
        false,
        List.of(a.os().origin().at("root"), a.boot().initrd().origin().span()));
  }
}
