package dev.applc.backends.rauc;

import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.Partition.Filesystem;

/**
 * The one naming convention for the images in a RAUC bundle: {@code CLASS.EXTENSION}, where CLASS
 * is the slot class the image is written to and the extension tells RAUC 1.8 which install handler
 * to use (1.8 has no {@code type=} in the manifest; the file name is all it goes by). The build
 * writes its images under these names into {@code bundle/}, beside {@code manifest.raucm}.
 *
 * <ul>
 *   <li>{@code .ext4}, {@code .vfat}: a file system image copied into a slot of that type;
 *   <li>{@code .squashfs}: a squashfs image copied into a raw slot;
 *   <li>{@code .img}: anything else (erofs, btrfs, verity hash trees and signatures), copied raw.
 * </ul>
 */
public final class BundleImages {
  private BundleImages() {}

  /** The image file of a slot class whose partitions have this file system. */
  public static String fileName(String slotClass, Filesystem format) {
    return slotClass + "." + extension(format);
  }

  /** The image file for one partition copy (every copy of a class shares it). */
  public static String fileName(Partition p) {
    return fileName(SlotClasses.className(p), p.format());
  }

  /** The signed bundle the build makes: {@code IMAGE-ID-VERSION.raucb}, as seed 003 names it. */
  public static String bundleFileName(Appliance a) {
    return a.build().imageId() + "-" + a.version() + ".raucb";
  }

  /**
   * The casync variant of the bundle, without its extension: {@code rauc convert} writes {@code
   * BASE.raucb}, whose images are casync indexes, and the chunks in {@code BASE.castr/} beside it,
   * where RAUC looks for them.
   */
  public static String casyncBundleBase(Appliance a) {
    return a.build().imageId() + "-" + a.version() + "-casync";
  }

  static String extension(Filesystem format) {
    return switch (format) {
      case EXT4 -> "ext4";
      case VFAT -> "vfat";
      case SQUASHFS -> "squashfs";
      case EROFS, BTRFS, XFS, SWAP, NONE -> "img";
    };
  }
}
