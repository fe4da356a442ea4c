package dev.applc.backends.rauc;

import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Board;

/**
 * RAUC's boot-loader backend ({@code [system] bootloader=}): how RAUC tells the boot loader which
 * slot to boot and reads back what it booted.
 */
public enum RaucBootloader {
  /**
   * EFI boot entries labelled with the slots' bootnames, switched with efibootmgr: for slotted
   * ESPs, where the firmware picks the slot's ESP.
   */
  EFI("efi"),
  /** {@code BOOT_ORDER} and {@code BOOT_x_LEFT} in the u-boot environment, via fw_setenv. */
  UBOOT("uboot"),
  /**
   * applc's script that drives systemd-boot's entries and boot counting ({@link SystemdBootSlots}).
   */
  CUSTOM("custom");

  private final String id;

  RaucBootloader(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /**
   * From the board's firmware: u-boot has RAUC's u-boot contract. On UEFI, applc's image boots
   * systemd-boot from one ESP, and systemd-boot, not the firmware's boot entries, chooses the slot:
   * RAUC's efi backend would switch entries that do not exist, so RAUC drives systemd-boot through
   * a custom backend. Only slotted ESPs, one per slot, are the firmware's choice.
   */
  public static RaucBootloader of(Appliance a) {
    Board.Firmware firmware = a.board().firmware();
    if (firmware == Board.Firmware.UBOOT) {
      return UBOOT;
    }
    return SystemdBootSlots.esp(a).isPresent() ? CUSTOM : EFI;
  }
}
