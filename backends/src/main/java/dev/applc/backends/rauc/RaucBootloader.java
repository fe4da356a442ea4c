package dev.applc.backends.rauc;

import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Board;

/**
 * RAUC's boot-loader backend ({@code [system] bootloader=}): how RAUC tells the boot loader which
 * slot to boot and reads back what it booted.
 */
public enum RaucBootloader {
  /** EFI boot entries labelled with the slots' bootnames, switched with efibootmgr. */
  EFI("efi"),
  /** {@code BOOT_ORDER} and {@code BOOT_x_LEFT} in the u-boot environment, via fw_setenv. */
  UBOOT("uboot"),
  /** A script RAUC calls for every boot-selection step. */
  CUSTOM("custom");

  /**
   * The script {@code bootloader=custom} calls. applc does not write it yet: a spec that needs it
   * gets a warning saying so.
   */
  public static final String CUSTOM_BACKEND = "/usr/lib/rauc/bootloader-custom-backend";

  private final String id;

  RaucBootloader(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /**
   * From the board's firmware: u-boot has RAUC's u-boot contract, UEFI firmware (also EDK2 on a
   * Raspberry Pi) boots the slot's EFI entry. With systemd-boot's boot counting, systemd-boot and
   * not the firmware's entries chooses the slot, which neither backend knows: that takes a custom
   * backend.
   */
  public static RaucBootloader of(Appliance a) {
    Board.Firmware firmware = a.board().firmware();
    if (firmware == Board.Firmware.UBOOT) {
      return UBOOT;
    }
    boolean bootCounting = a.boot().uki().map(u -> u.bootCounting()).orElse(false);
    return bootCounting ? CUSTOM : EFI;
  }
}
