package dev.applc.backends.kernel;

/** Small specs for the kernel backend's tests, each different from the others in one way. */
final class KernelVariants {
  private KernelVariants() {}

  static final String ROOT_DISK = "  disk extends ab-verity-root {\n  }\n";
  static final String USR_DISK = "  disk extends ab-verity-usr {\n  }\n";

  /** An x86-64 UEFI appliance on {@code release} with {@code disk} and other blocks. */
  static String appliance(String release, String disk, String blocks) {
    return withBoard("x86_64-uefi", "", release, disk, blocks);
  }

  /** The same on a board of its own whose console is {@code console}, quoted for the spec. */
  static String withConsole(String quotedConsole) {
    String board =
        "board b {\n"
            + "  arch     = x86-64\n"
            + "  firmware = uefi\n"
            + "  console  = "
            + quotedConsole
            + "\n"
            + "  storage  = \"/dev/vda\"\n"
            + "}\n";
    return withBoard("b", board, "bookworm", ROOT_DISK, "");
  }

  private static String withBoard(
      String boardName, String board, String release, String disk, String blocks) {
    return "applc 1\n"
        + "import std:boards/x86_64-uefi\n"
        + "import std:layouts/ab-verity-root\n"
        + "import std:layouts/ab-verity-usr\n"
        + "\n"
        + board
        + "appliance t {\n"
        + "  version = \"1.0\"\n"
        + "  board   = "
        + boardName
        + "\n"
        + "  os debian "
        + release
        + " {\n"
        + "    packages = [linux-image-amd64, systemd-sysv]\n"
        + "  }\n"
        + disk
        + blocks
        + "}\n";
  }
}
