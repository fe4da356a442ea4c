package dev.applc.backends.rauc;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway PKI for RAUC tests, as RAUC's "single CA" setup: a self-signed CA for the keyring and
 * a signing certificate it issued. The signer has no extended key usage: RAUC 1.8 checks the S/MIME
 * signing purpose by default and refuses a codeSigning-only certificate.
 */
public record TestPki(Path caCert, Path signerCert, Path signerKey) {

  public static TestPki create(Path dir) throws IOException, GeneralSecurityException {
    try {
      KeyPair ca = keyPair();
      KeyPair signer = keyPair();
      Instant now = Instant.now();
      X500Name caName = new X500Name("CN=applc test CA");
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();

      X509v3CertificateBuilder caBuilder =
          new JcaX509v3CertificateBuilder(
                  caName,
                  BigInteger.ONE,
                  Date.from(now.minus(Duration.ofDays(1))),
                  Date.from(now.plus(Duration.ofDays(30))),
                  caName,
                  ca.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(ca.getPublic()));
      X509CertificateHolder caCert = caBuilder.build(signerOf(ca));

      X509v3CertificateBuilder signerBuilder =
          new JcaX509v3CertificateBuilder(
                  caName,
                  BigInteger.TWO,
                  Date.from(now.minus(Duration.ofDays(1))),
                  Date.from(now.plus(Duration.ofDays(30))),
                  new X500Name("CN=applc test signer"),
                  signer.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
              .addExtension(
                  Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(signer.getPublic()));
      X509CertificateHolder signerCert = signerBuilder.build(signerOf(ca));

      TestPki pki =
          new TestPki(
              dir.resolve("ca.cert.pem"),
              dir.resolve("signer.cert.pem"),
              dir.resolve("signer.key.pem"));
      Files.writeString(pki.caCert, pem(caCert), StandardCharsets.US_ASCII);
      Files.writeString(pki.signerCert, pem(signerCert), StandardCharsets.US_ASCII);
      Files.writeString(
          pki.signerKey,
          pem(new JcaPKCS8Generator(signer.getPrivate(), null).generate()),
          StandardCharsets.US_ASCII);
      return pki;
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static org.bouncycastle.operator.ContentSigner signerOf(KeyPair issuer)
      throws OperatorCreationException {
    return new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate());
  }

  private static String pem(Object o) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(o);
    }
    return out.toString();
  }
}
