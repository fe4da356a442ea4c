package dev.applc.vm;

import dev.applc.keys.Certificates;
import dev.applc.keys.KeyUse;
import dev.applc.keys.PemFiles;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A fresh Secure Boot signing key and its self-signed certificate, written as {@code NAME.key} and
 * {@code NAME.crt} (PEM) the way {@code applc keys} writes them.
 */
public record TestSigner(Path key, Path certificate, X509CertificateHolder holder) {
  public static TestSigner make(Path dir, String name) throws Exception {
    Set<KeyUse> uses = Set.of(KeyUse.SECURE_BOOT);
    KeyPair pair = Certificates.generate(uses);
    X509CertificateHolder certificate =
        Certificates.certify(
            new X500Name("CN=" + name),
            pair.getPublic(),
            uses,
            null,
            pair.getPrivate(),
            Instant.now());
    Path key = dir.resolve(name + ".key");
    Path crt = dir.resolve(name + ".crt");
    PemFiles.writePrivateKey(key, pair.getPrivate());
    PemFiles.writeCertificate(crt, certificate);
    return new TestSigner(key, crt, certificate);
  }
}
