package dev.applc.backends.uboot;

import dev.applc.compiler.model.OperatingSystem.Distribution;

/**
 * Where the boot script finds the kernel, the initrd and the device trees inside a slot's root file
 * system: where the distribution's kernel package puts them, so that the build needs no extra step.
 *
 * @param kernel the arm64 {@code Image} u-boot's {@code booti} starts
 * @param initrd the initramfs
 * @param deviceTrees the folder the board's {@code device-tree} path is relative to
 */
public record BootFiles(String kernel, String initrd, String deviceTrees) {

  public static BootFiles of(Distribution distribution) {
    return switch (distribution) {
      // Arch Linux ARM's linux-aarch64 and mkinitcpio's default preset.
      case ARCH -> new BootFiles("/boot/Image", "/boot/initramfs-linux.img", "/boot/dtbs/");
      // Debian's kernel-img.conf symlinks; flash-kernel's device-tree folder.
      case DEBIAN -> new BootFiles("/vmlinuz", "/initrd.img", "/boot/dtbs/");
      case ALPINE -> new BootFiles("/boot/vmlinuz-lts", "/boot/initramfs-lts", "/boot/dtbs-lts/");
    };
  }
}
