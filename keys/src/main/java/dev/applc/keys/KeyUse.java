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
  /** Signs systemd-sysupdate's SHA256SUMS: an OpenPGP key, since sysupdate checks with gpg. */
  UPDATE_SIGNER("update signing"),
  /**
   * A further OpenPGP key the device's sysupdate keyring trusts. OpenPGP has no issuer in this
   * design: it is no CA, the keyring simply holds its public key beside the signer's.
   */
  UPDATE_CA("update keyring");

  private final String title;

  KeyUse(String title) {
    this.title = title;
  }

  /** How certificate subjects and messages name the use. */
  public String title() {
    return title;
  }

  public boolean isCa() {
    return this == RAUC_CA;
  }

  /** Whether the key is an OpenPGP key (systemd-sysupdate) rather than an X.509 pair. */
  public boolean isOpenPgp() {
    return this == UPDATE_SIGNER || this == UPDATE_CA;
  }

  public boolean signsUpdates() {
    return this == RAUC_SIGNER || this == UPDATE_SIGNER;
  }
}
