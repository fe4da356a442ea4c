package dev.applc.keys;

/** What a spec signs or verifies with a key; a key's certificate must suit all of its uses. */
public enum KeyUse {
  /** Signs the UKI and boot loader for Secure Boot (sbsign): the db certificate. */
  SECURE_BOOT("Secure Boot db"),
  /** Signs a verity root hash ({@code signed(KEY)}). */
  VERITY("verity signing"),
  /** Signs RAUC bundles. RAUC 1.8 refuses a signer with the codeSigning extended key usage. */
  RAUC_SIGNER("RAUC signing"),
  /** The RAUC keyring: a CA that issues the signing certificate. */
  RAUC_CA("RAUC CA"),
  /** Signs systemd-sysupdate artifacts. */
  UPDATE_SIGNER("update signing"),
  /** The keyring that verifies systemd-sysupdate artifacts. */
  UPDATE_CA("update CA");

  private final String title;

  KeyUse(String title) {
    this.title = title;
  }

  /** How certificate subjects and messages name the use. */
  public String title() {
    return title;
  }

  public boolean isCa() {
    return this == RAUC_CA || this == UPDATE_CA;
  }

  public boolean signsUpdates() {
    return this == RAUC_SIGNER || this == UPDATE_SIGNER;
  }
}
