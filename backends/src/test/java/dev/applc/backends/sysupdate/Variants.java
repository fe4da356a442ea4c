package dev.applc.backends.sysupdate;

/** Small specs that differ from the repository's in one way each. */
final class Variants {
  private Variants() {}

  /**
   * An x86-64 appliance with A/B /usr and verity on {@code release}, with the given blocks (for
   * `uki`, `update`, `build`, ...) added to the appliance and {@code disk} as its disk block.
   */
  static String usrLayout(String release, String disk, String blocks) {
    return "applc 1\n"
        + "import std:boards/x86_64-uefi\n"
        + "import std:layouts/ab-verity-usr\n"
        + "import std:layouts/ab-verity-root\n"
        + "\n"
        + "appliance t {\n"
        + "  version = \"1.0\"\n"
        + "  board   = x86_64-uefi\n"
        + "  os debian "
        + release
        + " {\n"
        + "    packages = [linux-image-amd64, systemd-sysv]\n"
        + "  }\n"
        + disk
        + "\n"
        + blocks
        + "\n"
        + "}\n";
  }

  static final String USR_DISK = "  disk extends ab-verity-usr {\n  }\n";
  static final String ROOT_DISK = "  disk extends ab-verity-root {\n  }\n";

  static final String UKI = "  uki {\n    bootloader = systemd-boot\n  }\n";

  static String sysupdate(String body) {
    return "  update sysupdate {\n" + body + "\n  }\n";
  }

  static final String SOURCE = "    source = \"https://updates.example.com/t/\"";

  /** The trixie appliance with a UKI and a sysupdate source. */
  static String trixie(String updateBody) {
    return usrLayout("trixie", USR_DISK, UKI + sysupdate(updateBody));
  }
}
