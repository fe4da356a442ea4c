package dev.applc.keys;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads and writes PEM keys and certificates. A file is only ever created, never replaced: {@code
 * O_EXCL} makes a file that appeared meanwhile an error rather than a loss. A private key is
 * created with mode 0600 from the start, so it is never readable by others, not even briefly.
 *
 * <p>Modes are set explicitly after creation, whatever the umask: the umask only takes bits away
 * from the mode a file is created with (umask 0777 gave keys mode 0000, umask 0000 gave the keys
 * folder 0777). Folders applc creates for keys are 0700, private keys 0600, certificates 0644.
 */
public final class PemFiles {
  static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");
  static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

  private PemFiles() {}

  /** Thrown for a file that exists but cannot be used; the message names the file, not content. */
  public static final class UnusableFile extends Exception {
    private static final long serialVersionUID = 1L;

    public UnusableFile(String message) {
      super(message);
    }
  }

  public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      pem.writeObject(new JcaPKCS8Generator(key, null));
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
    try {
      create(file, bytes, PRIVATE);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  public static void writeCertificate(Path file, X509CertificateHolder certificate)
      throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
      pem.writeObject(certificate);
    }
    create(file, text.toString().getBytes(StandardCharsets.US_ASCII), PUBLIC);
  }

  static void create(Path file, byte[] bytes, Set<PosixFilePermission> mode) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      createFolders(parent);
    }
    boolean done = false;
    try (SeekableByteChannel channel =
        Files.newByteChannel(
            file,
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(mode))) {
      // Created with at most `mode` (the umask may have removed bits); exactly `mode` before a
      // byte is written.
      Files.setPosixFilePermissions(file, mode);
      OutputStream out = Channels.newOutputStream(channel);
      out.write(bytes);
      out.flush();
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(file);
      }
    }
  }

  /**
   * Creates the missing folders of {@code folder}, each with mode 0700. Folders that exist, such as
   * the spec's, keep their mode.
   */
  private static void createFolders(Path folder) throws IOException {
    if (Files.isDirectory(folder)) {
      return;
    }
    Path parent = folder.getParent();
    if (parent != null) {
      createFolders(parent);
    }
    Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(FOLDER));
    Files.setPosixFilePermissions(folder, FOLDER);
  }

  /** The key pair of an unencrypted PEM private key (PKCS#8 or traditional RSA/EC). */
  public static KeyPair readKeyPair(Path file) throws IOException, UnusableFile {
    Object object;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      object = parser.readObject();
    } catch (IOException | RuntimeException e) {
      // The parser's messages may quote the file; say only which file it was.
      throw new UnusableFile(file + " is not a PEM private key");
    }
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try {
      if (object instanceof PEMKeyPair pair) {
        return converter.getKeyPair(pair);
      }
      if (object instanceof PrivateKeyInfo info) {
        PrivateKey key = converter.getPrivateKey(info);
        if (key instanceof RSAPrivateCrtKey rsa) {
          PublicKey pub =
              KeyFactory.getInstance("RSA")
                  .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
          return new KeyPair(pub, key);
        }
        throw new UnusableFile(
            file + " is a " + key.getAlgorithm() + " key; applc certifies existing RSA keys only");
      }
    } catch (java.security.GeneralSecurityException | IOException e) {
      throw new UnusableFile(file + " holds a private key applc cannot read");
    }
    if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
      throw new UnusableFile(file + " is encrypted; applc needs an unencrypted private key");
    }
    throw new UnusableFile(file + " is not a PEM private key");
  }

  /** A certificate in PEM or DER. */
  public static X509CertificateHolder readCertificate(Path file) throws IOException, UnusableFile {
    byte[] bytes = Files.readAllBytes(file);
    try (PEMParser parser =
        new PEMParser(new java.io.StringReader(new String(bytes, StandardCharsets.ISO_8859_1)))) {
      Object object = parser.readObject();
      if (object instanceof X509CertificateHolder holder) {
        return holder;
      }
    } catch (IOException | RuntimeException e) {
      // Not PEM: try DER below.
    }
    try {
      return new X509CertificateHolder(bytes);
    } catch (IOException | RuntimeException e) {
      throw new UnusableFile(file + " is not an X.509 certificate (PEM or DER)");
    }
  }

  /**
   * Every certificate of a file: the CERTIFICATE blocks of a PEM file (other blocks, such as a
   * private key kept alongside, are skipped), or the one certificate of a DER file.
   */
  public static List<X509CertificateHolder> readCertificates(Path file)
      throws IOException, UnusableFile {
    byte[] bytes = Files.readAllBytes(file);
    List<X509CertificateHolder> found = new ArrayList<>();
    try (PEMParser parser =
        new PEMParser(new java.io.StringReader(new String(bytes, StandardCharsets.ISO_8859_1)))) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        if (object instanceof X509CertificateHolder holder) {
          found.add(holder);
        }
      }
    } catch (IOException | RuntimeException e) {
      if (!found.isEmpty()) {
        throw new UnusableFile(file + " has a PEM block that is not readable");
      }
      // Not PEM: try DER below.
    }
    if (!found.isEmpty()) {
      return List.copyOf(found);
    }
    try {
      return List.of(new X509CertificateHolder(bytes));
    } catch (IOException | RuntimeException e) {
      throw new UnusableFile(file + " holds no X.509 certificate (PEM or DER)");
    }
  }
}
