package dev.applc.keys;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;

/**
 * Creates the missing files of a {@link KeyPlanner.Plan}: X.509 pairs in PEM, and OpenPGP keys for
 * systemd-sysupdate ({@link OpenPgpKeys}). Everything is checked before anything is written, so a
 * plan with a problem writes nothing; existing files are never touched.
 */
public final class KeyCreator {
  private final String appliance;
  private final Path folder;
  private final Instant now;

  /** One line of the report: {@code created: keys/db.key} or {@code exists: keys/db.crt}. */
  public record Line(boolean created, String path, String detail) {
    @Override
    public String toString() {
      return (created ? "created: " : "exists: ") + path + (detail.isEmpty() ? "" : "  " + detail);
    }
  }

  public record Report(List<Line> lines, List<Diagnostic> diagnostics) {
    public Report {
      lines = List.copyOf(lines);
      diagnostics = List.copyOf(diagnostics);
    }

    public boolean failed() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  /**
   * @param appliance the appliance's name, for certificate subjects
   * @param folder the spec's folder, which key paths are relative to
   */
  public KeyCreator(String appliance, Path folder, Instant now) {
    this.appliance = appliance;
    this.folder = folder;
    this.now = now;
  }

  public Report run(KeyPlanner.Plan plan) throws IOException, GeneralSecurityException {
    List<Diagnostic> problems = check(plan);
    if (!problems.isEmpty()) {
      return new Report(List.of(), problems);
    }
    List<Line> lines = new ArrayList<>();
    Map<String, PlannedKey> byName = new HashMap<>();
    // CAs made in this run, so that their signers need not read the key back.
    Map<String, KeyPair> made = new HashMap<>();
    for (PlannedKey key : plan.keys()) {
      byName.put(key.name(), key);
      if (OpenPgpKeys.isOpenPgp(key.uses())) {
        createOpenPgp(key, lines);
        continue;
      }
      Path priv = key.privateKeyIn(folder);
      Path cert = key.certificateIn(folder);
      boolean havePriv = Files.exists(priv);
      boolean haveCert = Files.exists(cert);
      KeyPair pair = null;
      if (havePriv) {
        lines.add(new Line(false, key.privateKey(), ""));
      } else {
        pair = Certificates.generate(key.uses());
        PemFiles.writePrivateKey(priv, pair.getPrivate());
        lines.add(new Line(true, key.privateKey(), "private key, mode 0600"));
      }
      if (haveCert) {
        lines.add(new Line(false, key.certificate(), ""));
        continue;
      }
      if (pair == null) {
        pair = readKeyPair(priv);
      }
      made.put(key.name(), pair);
      X509CertificateHolder issuerCert = null;
      PrivateKey issuerKey = pair.getPrivate();
      String signedBy = "self-signed";
      if (key.issuer().isPresent()) {
        PlannedKey ca = byName.get(key.issuer().get());
        issuerCert = readCertificate(ca.certificateIn(folder));
        KeyPair caPair = made.get(ca.name());
        issuerKey = (caPair != null ? caPair : readKeyPair(ca.privateKeyIn(folder))).getPrivate();
        signedBy = "issued by " + ca.certificate();
      }
      X509CertificateHolder certificate =
          Certificates.certify(
              Certificates.subject(appliance, key.uses()),
              pair.getPublic(),
              key.uses(),
              issuerCert,
              issuerKey,
              now);
      PemFiles.writeCertificate(cert, certificate);
      lines.add(
          new Line(
              true,
              key.certificate(),
              certificate.getSubject()
                  + ", "
                  + signedBy
                  + ", valid until "
                  + Certificates.validUntil(certificate)));
    }
    return new Report(lines, List.of());
  }

  /**
   * An OpenPGP key for systemd-sysupdate: the armored secret key, then the armored public key made
   * from it. Nothing issues it; the device's keyring holds the public key itself.
   */
  private void createOpenPgp(PlannedKey key, List<Line> lines)
      throws IOException, GeneralSecurityException {
    Path priv = key.privateKeyIn(folder);
    Path cert = key.certificateIn(folder);
    PGPSecretKeyRing secret = null;
    if (Files.exists(priv)) {
      lines.add(new Line(false, key.privateKey(), ""));
    } else {
      secret = OpenPgpKeys.generate(OpenPgpKeys.userId(appliance, key.uses()), now);
      OpenPgpKeys.writeSecretKey(priv, secret);
      lines.add(new Line(true, key.privateKey(), "OpenPGP secret key, mode 0600"));
    }
    if (Files.exists(cert)) {
      lines.add(new Line(false, key.certificate(), ""));
      return;
    }
    if (secret == null) {
      try {
        secret = OpenPgpKeys.readSecretKey(priv);
      } catch (PemFiles.UnusableFile e) {
        throw new IOException(e.getMessage(), e);
      }
    }
    PGPPublicKeyRing ring = OpenPgpKeys.publicRing(secret);
    OpenPgpKeys.writePublicKey(cert, ring);
    lines.add(
        new Line(
            true,
            key.certificate(),
            "OpenPGP public key \""
                + OpenPgpKeys.firstUserId(ring)
                + "\", fingerprint "
                + OpenPgpKeys.fingerprint(ring)));
  }

  /**
   * What must hold of an OpenPGP key's existing files: a secret key without a passphrase, and a
   * public key that is its public half. An X.509 pair made for another use (or by an older applc)
   * is the likely mistake, and gpg could not use it.
   */
  private List<Diagnostic> checkOpenPgp(PlannedKey key, boolean havePriv, boolean haveCert) {
    Path priv = key.privateKeyIn(folder);
    Path cert = key.certificateIn(folder);
    String use = "systemd-sysupdate checks updates with gpg, which needs OpenPGP keys";
    String fresh =
        "move "
            + key.privateKey()
            + " and "
            + key.certificate()
            + " away and run `applc keys` again to create an OpenPGP key, or give the key"
            + " other files";
    List<String> x509 = key.uses().stream().filter(u -> !u.isOpenPgp()).map(KeyUse::title).toList();
    if (!x509.isEmpty()) {
      return List.of(
          error(
                  key,
                  "`"
                      + key.name()
                      + "` cannot be both an OpenPGP key ("
                      + use(key.uses().stream().filter(KeyUse::isOpenPgp))
                      + ") and an X.509 key ("
                      + String.join(" and ", x509)
                      + ")")
              .label("used by systemd-sysupdate and for " + String.join(" and ", x509))
              .note(use)
              .help(
                  "declare another key for the update, e.g. `key release { path = \"keys/release\" }`")
              .build());
    }
    PGPSecretKeyRing secret = null;
    if (havePriv) {
      try {
        secret = OpenPgpKeys.readSecretKey(priv);
      } catch (IOException | PemFiles.UnusableFile e) {
        return List.of(
            error(key, "cannot use the private key " + key.privateKey() + " for " + use(key))
                .label("the files of `" + key.name() + "`")
                .note(e.getMessage().replace(priv.toString(), key.privateKey()))
                .note(use)
                .help(fresh)
                .build());
      }
    }
    if (haveCert) {
      try {
        PGPPublicKeyRing ring = OpenPgpKeys.readPublicKey(cert);
        if (secret != null
            && !OpenPgpKeys.fingerprint(ring)
                .equals(OpenPgpKeys.fingerprint(OpenPgpKeys.publicRing(secret)))) {
          return List.of(
              error(key, key.certificate() + " is not the public key of " + key.privateKey())
                  .label("the files of `" + key.name() + "`")
                  .help(fresh)
                  .build());
        }
      } catch (IOException | PemFiles.UnusableFile e) {
        return List.of(
            error(key, "cannot use the certificate " + key.certificate() + " for " + use(key))
                .label("the files of `" + key.name() + "`")
                .note(e.getMessage().replace(cert.toString(), key.certificate()))
                .note(use)
                .help(fresh)
                .build());
      }
    }
    return List.of();
  }

  private static String use(PlannedKey key) {
    return use(key.uses().stream());
  }

  private static String use(java.util.stream.Stream<KeyUse> uses) {
    return uses.map(KeyUse::title).collect(Collectors.joining(" and "));
  }

  /** Problems that would stop a run, found before anything is written. */
  private List<Diagnostic> check(KeyPlanner.Plan plan) {
    List<Diagnostic> problems = new ArrayList<>();
    Map<String, PlannedKey> byName = new HashMap<>();
    for (PlannedKey key : plan.keys()) {
      byName.put(key.name(), key);
    }
    for (PlannedKey key : plan.keys()) {
      Path priv = key.privateKeyIn(folder);
      Path cert = key.certificateIn(folder);
      if (priv.normalize().equals(cert.normalize())) {
        problems.add(
            error(key, "`" + key.name() + "` names one file for its private key and certificate")
                .help("give the private key and the certificate their own files")
                .build());
        continue;
      }
      boolean usable = true;
      for (Path p : List.of(priv, cert)) {
        String shown = p == priv ? key.privateKey() : key.certificate();
        if (Files.isDirectory(p)) {
          problems.add(
              error(key, shown + " is a directory")
                  .label("the files of `" + key.name() + "`")
                  .help("move the directory away, or point the key at another file")
                  .build());
          usable = false;
        } else if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(p)) {
          problems.add(
              error(key, shown + " exists but is not a regular file")
                  .label("the files of `" + key.name() + "`")
                  .build());
          usable = false;
        } else if (blockedParent(p) != null) {
          problems.add(
              error(key, "cannot create " + shown + ": " + blockedParent(p) + " is not a directory")
                  .label("the files of `" + key.name() + "`")
                  .build());
          usable = false;
        }
      }
      if (!usable) {
        continue;
      }
      boolean havePriv = Files.exists(priv);
      boolean haveCert = Files.exists(cert);
      if (haveCert && !havePriv) {
        problems.add(
            error(
                    key,
                    "certificate "
                        + key.certificate()
                        + " exists without its private key "
                        + key.privateKey())
                .label("`" + key.name() + "` needs both")
                .note(
                    "applc never replaces a file, and a new private key cannot match the old certificate")
                .help(
                    "restore "
                        + key.privateKey()
                        + ", or move "
                        + key.certificate()
                        + " away to create a new pair")
                .build());
        continue;
      }
      if (OpenPgpKeys.isOpenPgp(key.uses())) {
        problems.addAll(checkOpenPgp(key, havePriv, haveCert));
        continue;
      }
      if (!haveCert && havePriv) {
        problems.addAll(readable(key, priv));
      }
      if (!haveCert && key.issuer().isPresent()) {
        PlannedKey ca = byName.get(key.issuer().get());
        Path caCert = ca.certificateIn(folder);
        Path caPriv = ca.privateKeyIn(folder);
        if (Files.exists(caCert) && !Files.exists(caPriv)) {
          problems.add(
              error(
                      key,
                      "cannot issue "
                          + key.certificate()
                          + ": the private key of its CA "
                          + ca.certificate()
                          + " is not at "
                          + ca.privateKey())
                  .label("signs with a certificate of the keyring")
                  .help(
                      "put the CA's private key at "
                          + ca.privateKey()
                          + ", or issue "
                          + key.certificate()
                          + " with the CA yourself")
                  .build());
        } else if (Files.exists(caCert)) {
          try {
            PemFiles.readCertificate(caCert);
          } catch (IOException | PemFiles.UnusableFile e) {
            problems.add(
                error(ca, "cannot use " + ca.certificate() + ": " + e.getMessage()).build());
          }
          problems.addAll(readable(ca, caPriv));
        }
      }
    }
    return problems;
  }

  private List<Diagnostic> readable(PlannedKey key, Path priv) {
    try {
      PemFiles.readKeyPair(priv);
      return List.of();
    } catch (IOException | PemFiles.UnusableFile e) {
      return List.of(
          error(key, "cannot use the private key " + key.privateKey())
              .note(e.getMessage().replace(priv.toString(), key.privateKey()))
              .build());
    }
  }

  /** The first existing ancestor of {@code p} that is not a directory, if any. */
  private static Path blockedParent(Path p) {
    for (Path a = p.toAbsolutePath().getParent(); a != null; a = a.getParent()) {
      if (Files.exists(a)) {
        return Files.isDirectory(a) ? null : a;
      }
    }
    return null;
  }

  private static Diagnostic.Builder error(PlannedKey key, String message) {
    return Diagnostic.error(Code.BAD_PATH, key.span(), message);
  }

  private static KeyPair readKeyPair(Path file) throws IOException {
    try {
      return PemFiles.readKeyPair(file);
    } catch (PemFiles.UnusableFile e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static X509CertificateHolder readCertificate(Path file) throws IOException {
    try {
      return PemFiles.readCertificate(file);
    } catch (PemFiles.UnusableFile e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
