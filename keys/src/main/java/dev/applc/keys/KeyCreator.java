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
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Creates the missing files of a {@link KeyPlanner.Plan}. Everything is checked before anything is
 * written, so a plan with a problem writes nothing; existing files are never touched.
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
