package dev.applc.compiler.model;

import java.util.Optional;

/** The hardware an appliance runs on. */
public record Board(
    String name,
    Arch arch,
    Firmware firmware,
    Family family,
    Optional<String> console,
    Optional<String> deviceTree,
    String storage,
    Optional<UbootEnv> ubootEnv,
    Origin origin) {

  public enum Firmware {
    UEFI("uefi"),
    UBOOT("uboot"),
    RPI_UEFI("rpi-uefi");

    private final String id;

    Firmware(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    public boolean isUefi() {
      return this != UBOOT;
    }
  }

  public enum Family {
    GENERIC,
    RASPBERRY_PI
  }

  /** u-boot's environment on the boot device: one or two copies of {@code size} bytes. */
  public record UbootEnv(
      String device,
      long offset,
      Optional<Long> redundantOffset,
      long size,
      long eraseSize,
      Origin origin) {}
}
