package dev.applc.vm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.applc.keys.PemFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DbCertificateTest {
  @TempDir Path dir;

  @Test
  void aPemFileMayHoldSeveralCertificatesAndAKey() throws Exception {
    TestSigner one = TestSigner.make(dir, "one");
    TestSigner two = TestSigner.make(dir, "two");
    Path bundle = dir.resolve("bundle.pem");
    Files.writeString(
        bundle,
        Files.readString(one.certificate())
            + Files.readString(one.key())
            + Files.readString(two.certificate()));
    List<DbCertificate> read = DbCertificate.read(List.of(bundle));
    assertEquals(List.of("one", "two"), read.stream().map(DbCertificate::commonName).toList());
    assertEquals(List.of(bundle, bundle), read.stream().map(DbCertificate::file).toList());
    assertArrayEquals(two.holder().getEncoded(), read.get(1).der());
  }

  @Test
  void derAndFilesInOrder() throws Exception {
    TestSigner one = TestSigner.make(dir, "one");
    TestSigner two = TestSigner.make(dir, "two");
    Path der = dir.resolve("two.der");
    Files.write(der, two.holder().getEncoded());
    List<DbCertificate> read = DbCertificate.read(List.of(der, one.certificate()));
    assertEquals(List.of("two", "one"), read.stream().map(DbCertificate::commonName).toList());
    assertArrayEquals(
        EfiSignatureLists.x509(List.of(two.holder().getEncoded(), one.holder().getEncoded())),
        DbCertificate.signatureLists(read));
  }

  @Test
  void aPrivateKeyAloneIsNoCertificate() throws Exception {
    TestSigner one = TestSigner.make(dir, "one");
    String message =
        assertThrows(PemFiles.UnusableFile.class, () -> DbCertificate.read(List.of(one.key())))
            .getMessage();
    assertEquals(one.key() + " holds no X.509 certificate (PEM or DER)", message);
  }
}
