package dev.applc.lsp;

/** Spec texts the tests open; each compiles without problems unless a test changes it. */
final class Specs {
  private Specs() {}

  /** A kiosk on x86-64 with A/B roots with signed verity, from the standard library's layout. */
  static final String KIOSK =
      """
      applc 1

      import std:boards/x86_64-uefi
      import std:layouts/ab-verity-root

      appliance kiosk {
        version    = "1.0.0"
        compatible = "kiosk-amd64"
        board      = x86_64-uefi

        os debian bookworm {
          packages = [linux-image-amd64, systemd-sysv, udev, cage, chromium, rauc-service]
          user kiosk { groups = [video, input] }
          unit kiosk-health.service { exec = "/usr/bin/true" }
        }

        disk extends ab-verity-root {
          size = 8G
          partition esp { size = 512M }
          slots [a, b] {
            partition root { size = 2G; verity = signed(verity) }
          }
        }

        session { user = kiosk; target = multi-user.target; exec = "/usr/bin/cage -- /usr/bin/chromium --kiosk" }
        profile dev { ssh = on }

        update rauc {
          rollback { tries = 3; good-when = kiosk-health.service }
        }

        key verity { path = "keys/verity" }
      }
      """;

  /** A layout of one's own, in a file beside the appliance that uses it. */
  static final String LAYOUT =
      """
      applc 1

      layout mine {
        partition esp {
          type = esp
          size = 256M
        }
        slots [a, b] {
          partition root {
            type   = root
            size   = 1G
            format = erofs
            verity = on
          }
        }
        partition data {
          type = linux-generic
          size = grow
        }
      }
      """;

  /** An appliance that uses {@link #LAYOUT} from {@code mine.appliance} and changes it. */
  static final String USES_LAYOUT =
      """
      applc 1

      import std:boards/x86_64-uefi
      import "mine.appliance"

      appliance box {
        version = "1.0.0"
        board   = x86_64-uefi

        os debian bookworm {
          packages = [linux-image-amd64]
        }

        disk extends mine {
          size = 4G
          slots [a, b] {
            partition root { size = 1500M }
            slot b {
              partition root { label = "root-b-copy" }
            }
          }
          partition data { size = grow }
        }
      }
      """;
}
