package dev.applc.keys;

import dev.applc.compiler.source.SourceSpan;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * One key pair that the spec needs: where its two files go, what it is used for and, for a
 * certificate issued by a CA of the spec, which one.
 *
 * @param name the key's name in the spec, or the keyring path for a keyring given as a file
 * @param privateKey the private key file, as written in the spec (relative to its folder)
 * @param certificate the certificate file, as written in the spec
 * @param issuer the {@link #name} of the CA that issues this certificate; empty for self-signed
 * @param span where the spec declares the key, for diagnostics about its files
 */
public record PlannedKey(
    String name,
    String privateKey,
    String certificate,
    Set<KeyUse> uses,
    Optional<String> issuer,
    SourceSpan span) {

  public PlannedKey {
    uses = Collections.unmodifiableSet(EnumSet.copyOf(uses));
  }

  public boolean isCa() {
    return uses.stream().anyMatch(KeyUse::isCa);
  }

  public Path privateKeyIn(Path folder) {
    return folder.resolve(privateKey);
  }

  public Path certificateIn(Path folder) {
    return folder.resolve(certificate);
  }
}
