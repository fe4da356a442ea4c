package dev.applc.vm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.UUID;

/**
 * The content of a Secure Boot signature database such as {@code db}: a run of EFI_SIGNATURE_LIST
 * structures (UEFI 2.10, 32.4.1). All signatures in one list have the same size, and X.509
 * certificates differ in length, so each certificate gets a list of its own.
 */
public final class EfiSignatureLists {
  /** EFI_CERT_X509_GUID: the list holds DER-encoded X.509 certificates. */
  static final UUID X509 = UUID.fromString("a5c059a1-94e4-4aa7-87b5-ab155c2bf072");

  /**
   * The SignatureOwner of the certificates applc enrolls. Firmware does not check it; it tells
   * people reading the variable who put the entry there.
   */
  public static final UUID APPLC_OWNER = UUID.fromString("072eaf55-b443-4b2d-8113-a5c073841a15");

  /** SignatureType, SignatureListSize, SignatureHeaderSize and SignatureSize. */
  static final int LIST_HEADER_SIZE = EfiGuid.SIZE + 3 * Integer.BYTES;

  private EfiSignatureLists() {}

  /** One EFI_SIGNATURE_LIST per DER certificate, in order, each owned by {@link #APPLC_OWNER}. */
  public static byte[] x509(List<byte[]> certificates) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] der : certificates) {
      int signatureSize = EfiGuid.SIZE + der.length;
      ByteBuffer list =
          ByteBuffer.allocate(LIST_HEADER_SIZE + signatureSize).order(ByteOrder.LITTLE_ENDIAN);
      list.put(EfiGuid.bytes(X509));
      list.putInt(LIST_HEADER_SIZE + signatureSize);
      // No header shared by the signatures of the list: X.509 lists have none.
      list.putInt(0);
      list.putInt(signatureSize);
      list.put(EfiGuid.bytes(APPLC_OWNER));
      list.put(der);
      out.writeBytes(list.array());
    }
    return out.toByteArray();
  }
}
