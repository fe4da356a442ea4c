package dev.applc.backends.mkosi;

import dev.applc.compiler.backend.Target;
import dev.applc.compiler.model.Arch;

/**
 * The two configuration languages that share mkosi's name. mkosi 14 (Debian bookworm) partitions
 * the image itself ({@code Format=gpt_squashfs}, {@code [Partitions]}), has no profiles and runs
 * {@code mkosi.postinst} inside the image; mkosi 15 and later build disks with systemd-repart from
 * {@code mkosi.repart/}, have profiles, and run scripts on the host unless they end in {@code
 * .chroot}. Which one a tree is written in follows the mkosi of the appliance's release.
 */
enum Dialect {
  V14,
  CURRENT;

  /** mkosi versions from here on read the current dialect (the tree is written for 25). */
  static final int FIRST_CURRENT = 20;

  static Dialect of(Target target) {
    return target.mkosi() < FIRST_CURRENT ? V14 : CURRENT;
  }

  /** {@code Architecture=}: mkosi 14 takes {@code uname -m} names, later ones systemd's. */
  String architecture(Arch arch) {
    if (this == CURRENT) {
      return arch.id();
    }
    return switch (arch) {
      case X86_64 -> "x86_64";
      case ARM64 -> "aarch64";
    };
  }

  /** The post-installation script, which runs inside the image in both dialects. */
  String postinstName() {
    return this == V14 ? "mkosi.postinst" : "mkosi.postinst.chroot";
  }

  /** Who reads the tree, for the file headers. */
  String reader(Target target) {
    return this == V14 ? "mkosi 14" : "mkosi " + target.mkosi() + " or later";
  }
}
