package dev.applc.keys;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;

/**
 * OpenPGP keys for systemd-sysupdate, which checks {@code SHA256SUMS.gpg} by running {@code gpg}:
 * gpg reads OpenPGP keys only, not X.509. A key is an RSA 3072 primary key that can sign and
 * certify, with one user id and no passphrase (the build signs unattended). Its private key file
 * holds the ASCII-armored secret key, its certificate file the ASCII-armored public key (an
 * "OpenPGP certificate"); {@code gpg --dearmor} of the latter is what a device's keyring holds.
 *
 * <p>The self-signature is dated with the key, so a key is valid from the second it is dated: the
 * build signs at {@code SOURCE_DATE_EPOCH} or at the key's date, whichever is later, and gpg
 * rejects signatures older than their key.
 */
public final class OpenPgpKeys {
  static final int BITS = 3072;
  private static final SecureRandom RANDOM = new SecureRandom();

  private OpenPgpKeys() {}

  /** The uses whose keys are OpenPGP keys rather than X.509 pairs. */
  public static boolean isOpenPgp(Set<KeyUse> uses) {
    return uses.stream().anyMatch(KeyUse::isOpenPgp);
  }

  /** The user id of a key: {@code <appliance> <use> [and <use>]}, as certificate subjects say. */
  public static String userId(String appliance, Set<KeyUse> uses) {
    return appliance + " " + uses.stream().map(KeyUse::title).collect(Collectors.joining(" and "));
  }

  /** A new key dated {@code created} (to the second, as OpenPGP dates keys). */
  public static PGPSecretKeyRing generate(String userId, Instant created)
      throws GeneralSecurityException {
    try {
      KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
      rsa.initialize(BITS, RANDOM);
      KeyPair pair = rsa.generateKeyPair();
      Date date = Date.from(Instant.ofEpochSecond(created.getEpochSecond()));
      PGPKeyPair key = new JcaPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, pair, date);
      PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
      hashed.setSignatureCreationTime(false, date);
      hashed.setKeyFlags(false, KeyFlags.SIGN_DATA | KeyFlags.CERTIFY_OTHER);
      hashed.setPreferredHashAlgorithms(
          false, new int[] {HashAlgorithmTags.SHA256, HashAlgorithmTags.SHA512});
      hashed.setIssuerFingerprint(false, key.getPublicKey());
      PGPDigestCalculator sha1 =
          new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1);
      PGPKeyRingGenerator rings =
          new PGPKeyRingGenerator(
              PGPSignature.POSITIVE_CERTIFICATION,
              key,
              userId,
              sha1,
              hashed.generate(),
              null,
              new JcaPGPContentSignerBuilder(
                  key.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256),
              null);
      return rings.generateSecretKeyRing();
    } catch (PGPException e) {
      throw new GeneralSecurityException(e.getMessage(), e);
    }
  }

  /** The public half of a secret key ring: the OpenPGP certificate. */
  public static PGPPublicKeyRing publicRing(PGPSecretKeyRing secret) {
    java.util.List<PGPPublicKey> keys = new java.util.ArrayList<>();
    secret.getPublicKeys().forEachRemaining(keys::add);
    return new PGPPublicKeyRing(keys);
  }

  /** The primary key's fingerprint in upper-case hex, as gpg prints it. */
  public static String fingerprint(PGPPublicKeyRing ring) {
    return HexFormat.of().withUpperCase().formatHex(ring.getPublicKey().getFingerprint());
  }

  /** The primary key's first user id, for messages. */
  public static String firstUserId(PGPPublicKeyRing ring) {
    Iterator<String> ids = ring.getPublicKey().getUserIDs();
    return ids.hasNext() ? ids.next() : "";
  }

  /** Writes the armored secret key, mode 0600 from the start, never replacing a file. */
  public static void writeSecretKey(Path file, PGPSecretKeyRing ring) throws IOException {
    byte[] bytes = armor(ring.getEncoded());
    try {
      PemFiles.create(file, bytes, PemFiles.PRIVATE);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** Writes the armored public key, mode 0644, never replacing a file. */
  public static void writePublicKey(Path file, PGPPublicKeyRing ring) throws IOException {
    PemFiles.create(file, armor(ring.getEncoded()), PemFiles.PUBLIC);
  }

  /** The secret key of an armored or binary file, unprotected. */
  public static PGPSecretKeyRing readSecretKey(Path file)
      throws IOException, PemFiles.UnusableFile {
    Object first = firstObject(file, "an OpenPGP secret key");
    if (first instanceof PGPSecretKeyRing ring) {
      if (ring.getSecretKey().getKeyEncryptionAlgorithm() != 0) {
        throw new PemFiles.UnusableFile(
            file + " is protected by a passphrase; the build signs unattended and needs none");
      }
      return ring;
    }
    throw new PemFiles.UnusableFile(file + " is not an OpenPGP secret key" + x509(file));
  }

  /** The public key of an armored or binary file. */
  public static PGPPublicKeyRing readPublicKey(Path file)
      throws IOException, PemFiles.UnusableFile {
    Object first = firstObject(file, "an OpenPGP public key");
    if (first instanceof PGPPublicKeyRing ring) {
      return ring;
    }
    throw new PemFiles.UnusableFile(file + " is not an OpenPGP public key" + x509(file));
  }

  private static Object firstObject(Path file, String what)
      throws IOException, PemFiles.UnusableFile {
    try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
      Object object =
          new org.bouncycastle.openpgp.PGPObjectFactory(in, new JcaKeyFingerprintCalculator())
              .nextObject();
      if (object == null) {
        throw new PemFiles.UnusableFile(file + " is not " + what + x509(file));
      }
      return object;
    } catch (IOException | RuntimeException e) {
      // The parser's messages may quote the file; say only which file it was.
      throw new PemFiles.UnusableFile(file + " is not " + what + x509(file));
    }
  }

  /** A hint for the likely mistake: an X.509 (PEM) file where OpenPGP is needed. */
  private static String x509(Path file) throws IOException {
    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    return text.contains("-----BEGIN CERTIFICATE-----")
            || text.contains("-----BEGIN PRIVATE KEY-----")
            || text.contains("-----BEGIN RSA PRIVATE KEY-----")
        ? " but an X.509/PEM file"
        : "";
  }

  private static byte[] armor(byte[] encoded) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    // No "Version:" header: the file's bytes should not depend on the library's release.
    try (ArmoredOutputStream armored = ArmoredOutputStream.builder().clearHeaders().build(bytes)) {
      armored.write(encoded);
    }
    return bytes.toByteArray();
  }
}
