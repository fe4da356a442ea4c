package dev.applc.backends.phases;

import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Boot;
import dev.applc.compiler.model.Key;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.UpdatePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The keys and certificates the phases read from the keys folder to sign and to check. */
public final class PhaseKeys {
  private PhaseKeys() {}

  /**
   * The certificate that signs the UKIs and the boot loader, published beside the images so that a
   * firmware (or {@code applc vm --secure-boot}) can enroll it in its db. Only the public half.
   */
  static final String SECURE_BOOT_CERTIFICATE = Layout.IMAGES + "/secure-boot.crt";

  /**
   * The certificate RAUC checks bundles against, relative to the keys folder: the keyring key's
   * certificate, or the keyring file the spec names.
   */
  public static Optional<String> raucKeyring(Appliance a) {
    return a.update()
        .filter(u -> u.method() == UpdatePolicy.Method.RAUC)
        .flatMap(
            u ->
                u.keyringKey().isPresent()
                    ? u.keyringKey().flatMap(a::key).flatMap(Key::certificate)
                    : u.keyringPath());
  }

  /**
   * Where the device's gpg finds the keys systemd-sysupdate trusts. sysupdate uses this file when
   * it exists and falls back to the distribution's {@code /usr/lib/systemd/import-pubring.gpg},
   * which in Debian holds other vendors' keys, not the appliance's.
   */
  public static final String SYSUPDATE_KEYRING = "/etc/systemd/import-pubring.gpg";

  /**
   * The armored OpenPGP public keys, relative to the keys folder, that the device's sysupdate
   * keyring holds: the signing key's, then the keyring's (a key or a file) when it is another.
   * Empty when the spec does not update with sysupdate or names no signing key.
   */
  static List<String> sysupdateKeyring(Appliance a) {
    List<String> keys = new ArrayList<>();
    Optional<UpdatePolicy> update =
        a.update().filter(u -> u.method() == UpdatePolicy.Method.SYSUPDATE);
    Optional<Key> signer = update.flatMap(UpdatePolicy::signingKey).flatMap(a::key);
    if (update.isEmpty() || signer.flatMap(Key::certificate).isEmpty()) {
      return keys;
    }
    keys.add(signer.get().certificate().get());
    UpdatePolicy u = update.get();
    Optional<String> other =
        u.keyringKey().isPresent()
            ? u.keyringKey().flatMap(a::key).flatMap(Key::certificate)
            : u.keyringPath();
    other.filter(k -> !keys.contains(k)).ifPresent(keys::add);
    return keys;
  }

  /** The key that signs sysupdate's SHA256SUMS, when the spec names one with both halves. */
  static Optional<Key> sysupdateSigner(Appliance a) {
    return a.update()
        .filter(u -> u.method() == UpdatePolicy.Method.SYSUPDATE)
        .flatMap(UpdatePolicy::signingKey)
        .flatMap(a::key)
        .filter(k -> k.privateKey().isPresent() && k.certificate().isPresent());
  }

  /** The Secure Boot key, when the spec signs its UKI and the key has both halves. */
  static Optional<Key> secureBoot(Appliance a) {
    return a.boot()
        .uki()
        .flatMap(Boot.Uki::signKey)
        .flatMap(a::key)
        .filter(k -> k.privateKey().isPresent() && k.certificate().isPresent());
  }

  /** Whether the verity data partition's key has both halves to sign its root hash with. */
  static boolean signsVerity(Appliance a, Partition data) {
    return data.verity()
        .key()
        .flatMap(a::key)
        .filter(k -> k.privateKey().isPresent() && k.certificate().isPresent())
        .isPresent();
  }

  /** Both halves of a signing key, as inputs of the phase that signs with it. */
  static List<Phase.Input> inputs(Optional<Key> key) {
    List<Phase.Input> inputs = new ArrayList<>();
    key.ifPresent(
        k -> {
          inputs.add(new Phase.Input(Phase.Root.KEYS, k.privateKey().orElseThrow()));
          inputs.add(new Phase.Input(Phase.Root.KEYS, k.certificate().orElseThrow()));
        });
    return inputs;
  }
}
