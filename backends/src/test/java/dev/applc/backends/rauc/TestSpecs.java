package dev.applc.backends.rauc;

/** Small appliance texts for cases the repository's specs do not cover. */
public final class TestSpecs {
  private TestSpecs() {}

  /** A string literal in spec syntax that means exactly {@code s}. */
  public static String literal(String s) {
    return "\""
        + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t")
        + "\"";
  }

  /**
   * An x86-64 UEFI appliance with the RAUC layout (ESP, A/B squashfs root with verity, var, data at
   * /data) on a release, with extra lines inside {@code update rauc { }} and the appliance.
   */
  public static String raucUefi(String release, String update, String appliance) {
    return """
        applc 1

        import std:boards/x86_64-uefi
        import std:layouts/ab-root-rauc

        appliance t {
          version    = "1.0"
          compatible = "t-x86"
          board      = x86_64-uefi
          os debian %s {
            packages = [rauc, rauc-service]
          }
          disk extends ab-root-rauc {
            size = 8G
          }
          update rauc {
            keyring = "ca.pem"
            %s
          }
          %s
        }
        """
        .formatted(release, update, appliance);
  }

  /**
   * A Raspberry Pi 400 with u-boot (the std board), Arch Linux ARM, A/B ext4 roots and a data
   * partition; {@code extra} goes inside the appliance, {@code slots} names the slots.
   */
  public static String raucUboot(String slots, String extra) {
    return """
        applc 1

        import std:boards/rpi400-uboot

        appliance t {
          version    = "1.0"
          compatible = "t-pi"
          board      = rpi400-uboot
          os arch latest {
            packages = [base, rauc]
          }
          disk {
            partition boot {
              type = esp
              size = 256M
            }
            slots [%s] {
              partition root {
                type   = root
                size   = 1G
                format = ext4
                label  = "rootfs-{slot}"
              }
            }
            partition data {
              type  = linux-generic
              size  = grow
              mount = "/data"
            }
          }
          update rauc {
            keyring = "ca.pem"
            rollback { tries = 5 }
          }
          %s
        }
        """
        .formatted(slots, extra);
  }
}
