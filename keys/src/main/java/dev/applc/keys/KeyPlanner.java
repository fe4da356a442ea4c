package dev.applc.keys;

import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Key;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.UpdatePolicy;
import dev.applc.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Works out, from a checked appliance, which key pairs it needs and what for. The compiler has
 * already checked that every reference names a key and that signing keys name both files.
 */
public final class KeyPlanner {
  private KeyPlanner() {}

  /** The key pairs to have, CAs first, then in the order the spec declares its keys. */
  public record Plan(List<PlannedKey> keys, List<Key> unused) {
    public Plan {
      keys = List.copyOf(keys);
      unused = List.copyOf(unused);
    }
  }

  public static Plan plan(Appliance appliance) {
    Map<String, Set<KeyUse>> uses = new LinkedHashMap<>();
    appliance
        .boot()
        .uki()
        .flatMap(u -> u.signKey())
        .ifPresent(k -> use(uses, k, KeyUse.SECURE_BOOT));
    for (Partition p : appliance.disk().partitions()) {
      if (p.verity().mode() == Partition.Verity.Mode.SIGNED) {
        p.verity().key().ifPresent(k -> use(uses, k, KeyUse.VERITY));
      }
    }
    Optional<String> issuer = Optional.empty();
    PlannedKey pathCa = null;
    if (appliance.update().isPresent()) {
      UpdatePolicy update = appliance.update().get();
      boolean rauc = update.method() == UpdatePolicy.Method.RAUC;
      KeyUse signer = rauc ? KeyUse.RAUC_SIGNER : KeyUse.UPDATE_SIGNER;
      KeyUse ca = rauc ? KeyUse.RAUC_CA : KeyUse.UPDATE_CA;
      update.signingKey().ifPresent(k -> use(uses, k, signer));
      Optional<String> keyring = update.keyringKey();
      // RAUC's keyring is a CA that issues the signing certificate; sysupdate's keyring holds
      // OpenPGP public keys, which nothing issues.
      if (keyring.isPresent() && !keyring.equals(update.signingKey())) {
        use(uses, keyring.get(), ca);
        issuer = rauc ? keyring : Optional.empty();
      } else if (update.keyringPath().isPresent()) {
        String cert = update.keyringPath().get();
        pathCa =
            new PlannedKey(
                cert, privateKeyBeside(cert), cert, Set.of(ca), Optional.empty(), at(update));
        issuer = rauc ? Optional.of(cert) : Optional.empty();
      }
    }

    List<PlannedKey> cas = new ArrayList<>();
    List<PlannedKey> others = new ArrayList<>();
    List<Key> unused = new ArrayList<>();
    if (pathCa != null) {
      cas.add(pathCa);
    }
    for (Key key : appliance.keys()) {
      Set<KeyUse> keyUses = uses.get(key.name());
      if (keyUses == null || key.certificate().isEmpty()) {
        unused.add(key);
        continue;
      }
      String cert = key.certificate().get();
      String priv = key.privateKey().orElseGet(() -> privateKeyBeside(cert));
      boolean ca = keyUses.stream().anyMatch(u -> u.isCa() || u == KeyUse.UPDATE_CA);
      boolean issued = !ca && keyUses.stream().anyMatch(KeyUse::signsUpdates);
      PlannedKey planned =
          new PlannedKey(
              key.name(),
              priv,
              cert,
              keyUses,
              issued ? issuer : Optional.empty(),
              key.origin().header());
      (ca ? cas : others).add(planned);
    }
    List<PlannedKey> all = new ArrayList<>(cas);
    all.addAll(others);
    return new Plan(all, unused);
  }

  private static void use(Map<String, Set<KeyUse>> uses, String key, KeyUse use) {
    uses.computeIfAbsent(key, k -> EnumSet.noneOf(KeyUse.class)).add(use);
  }

  private static SourceSpan at(UpdatePolicy update) {
    return update.origin().at("keyring");
  }

  /**
   * Where the private key of a certificate-only key goes: beside it, with {@code .key} for the
   * certificate's extension ({@code keys/ca.pem} → {@code keys/ca.key}).
   */
  static String privateKeyBeside(String certificate) {
    int slash = certificate.lastIndexOf('/');
    int dot = certificate.lastIndexOf('.');
    String base = dot > slash + 1 ? certificate.substring(0, dot) : certificate;
    String key = base + ".key";
    return key.equals(certificate) ? certificate + ".key" : key;
  }
}
