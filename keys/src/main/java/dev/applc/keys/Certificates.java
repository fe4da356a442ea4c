package dev.applc.keys;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes RSA key pairs and X.509 certificates whose extensions suit what the key is used for.
 *
 * <p>Profiles: a CA gets basicConstraints CA:TRUE and keyCertSign/cRLSign; every signer gets
 * digitalSignature and CA:FALSE; a key used only for Secure Boot (and verity) gets the codeSigning
 * extended key usage as Secure Boot db certificates usually carry it; a key that signs updates gets
 * no extended key usage, because RAUC 1.8 checks the S/MIME signing purpose and refuses
 * codeSigning.
 */
public final class Certificates {
  /** How long generated certificates are valid. */
  public static final Duration VALIDITY = Duration.ofDays(3650);

  private static final String SIGNATURE = "SHA256withRSA";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Certificates() {}

  /** An RSA key: 4096 bits for a CA, 2048 for signers (what firmware verifies everywhere). */
  public static KeyPair generate(Set<KeyUse> uses) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(uses.stream().anyMatch(KeyUse::isCa) ? 4096 : 2048, RANDOM);
    return generator.generateKeyPair();
  }

  /** The subject of a key's certificate: {@code CN=<appliance> <use> [and <use>]}. */
  public static X500Name subject(String appliance, Set<KeyUse> uses) {
    String title = uses.stream().map(KeyUse::title).collect(Collectors.joining(" and "));
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.CN, appliance + " " + title)
        .build();
  }

  /**
   * A certificate for {@code key}, issued by {@code issuer} (its certificate and private key), or
   * self-signed when {@code issuer} is null.
   */
  public static X509CertificateHolder certify(
      X500Name subject,
      PublicKey key,
      Set<KeyUse> uses,
      X509CertificateHolder issuerCertificate,
      PrivateKey issuerKey,
      Instant now)
      throws GeneralSecurityException, IOException {
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    X500Name issuer = issuerCertificate == null ? subject : issuerCertificate.getSubject();
    Instant notBefore = now.minus(Duration.ofHours(1));
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            new BigInteger(127, RANDOM).add(BigInteger.ONE),
            Date.from(notBefore),
            Date.from(notBefore.plus(VALIDITY)),
            subject,
            key);
    boolean ca = uses.stream().anyMatch(KeyUse::isCa);
    boolean signs = uses.stream().anyMatch(u -> !u.isCa());
    int usage = signs ? KeyUsage.digitalSignature : 0;
    if (ca) {
      usage |= KeyUsage.keyCertSign | KeyUsage.cRLSign;
    }
    try {
      builder
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca))
          .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
          .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
      if (issuerCertificate != null) {
        builder.addExtension(
            Extension.authorityKeyIdentifier,
            false,
            ext.createAuthorityKeyIdentifier(issuerCertificate));
      }
      if (uses.contains(KeyUse.SECURE_BOOT)
          && !ca
          && uses.stream().noneMatch(KeyUse::signsUpdates)) {
        builder.addExtension(
            Extension.extendedKeyUsage,
            false,
            new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
      }
    } catch (CertIOException e) {
      throw new IOException(e.getMessage(), e);
    }
    return builder.build(signer(issuerKey));
  }

  /** The last day the certificate is valid, for messages. */
  public static String validUntil(X509CertificateHolder certificate) {
    return ZonedDateTime.ofInstant(certificate.getNotAfter().toInstant(), ZoneOffset.UTC)
        .toLocalDate()
        .toString();
  }

  private static ContentSigner signer(PrivateKey key) throws GeneralSecurityException {
    try {
      return new JcaContentSignerBuilder(SIGNATURE).build(key);
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e.getMessage(), e);
    }
  }
}
