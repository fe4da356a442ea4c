package dev.applc.compiler.model;

import java.util.List;
import java.util.Optional;

/** The content of the image: distribution, packages, files, users and units. */
public record OperatingSystem(
    Distribution distribution,
    String release,
    Optional<String> mirror,
    Optional<OciImage> ociImage,
    List<String> packages,
    List<String> removePackages,
    List<String> strip,
    List<String> firmwareKeep,
    List<String> overlays,
    List<String> postInstall,
    InitSystem init,
    Root root,
    boolean factoryEtc,
    List<String> enable,
    List<String> mask,
    String defaultTarget,
    Content content,
    ToolVersions tools,
    Origin origin) {

  public OperatingSystem {
    packages = List.copyOf(packages);
    removePackages = List.copyOf(removePackages);
    strip = List.copyOf(strip);
    firmwareKeep = List.copyOf(firmwareKeep);
    overlays = List.copyOf(overlays);
    postInstall = List.copyOf(postInstall);
    enable = List.copyOf(enable);
    mask = List.copyOf(mask);
  }

  public enum Distribution {
    DEBIAN("debian"),
    ARCH("arch"),
    ALPINE("alpine");

    private final String id;

    Distribution(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  /**
   * Tool versions the spec states instead of the release's: the systemd and RAUC the appliance
   * ships, and the mkosi that builds it.
   */
  public record ToolVersions(
      Optional<Integer> systemd, Optional<String> rauc, Optional<Integer> mkosi) {
    public static final ToolVersions RELEASE =
        new ToolVersions(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Where the OS lives on the device: in partitions of the disk, or in the UKI's initramfs, which
   * the kernel unpacks into RAM and starts {@code /init} from (the disk then only holds data).
   */
  public enum Root {
    DISK,
    INITRD
  }

  /** Whether the whole OS is the UKI's initramfs ({@code os { root = initrd }}). */
  public boolean rootInInitrd() {
    return root == Root.INITRD;
  }

  public enum InitSystem {
    SYSTEMD,
    SYSVINIT
  }
}
