package dev.applc.vm;

import dev.applc.keys.PemFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A certificate to enroll in the Secure Boot {@code db} of a VM, with the file it came from.
 *
 * @param file where it was read from, for messages
 */
public record DbCertificate(Path file, X509CertificateHolder certificate) {
  /** The certificates of the given files, in order; a PEM file may hold several. */
  public static List<DbCertificate> read(List<Path> files)
      throws IOException, PemFiles.UnusableFile {
    List<DbCertificate> all = new ArrayList<>();
    for (Path file : files) {
      for (X509CertificateHolder certificate : PemFiles.readCertificates(file)) {
        all.add(new DbCertificate(file, certificate));
      }
    }
    return List.copyOf(all);
  }

  /** The subject's common name, or the whole subject when it has none. */
  public String commonName() {
    RDN[] cn = certificate.getSubject().getRDNs(BCStyle.CN);
    return cn.length == 0
        ? certificate.getSubject().toString()
        : IETFUtils.valueToString(cn[0].getFirst().getValue());
  }

  public byte[] der() throws IOException {
    return certificate.getEncoded();
  }

  /** The db content for the given certificates: one signature list each. */
  public static byte[] signatureLists(List<DbCertificate> certificates) throws IOException {
    List<byte[]> ders = new ArrayList<>();
    for (DbCertificate c : certificates) {
      ders.add(c.der());
    }
    return EfiSignatureLists.x509(ders);
  }
}
