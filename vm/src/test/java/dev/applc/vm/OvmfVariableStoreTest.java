package dev.applc.vm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replaces db in Debian's snakeoil variable store and reads the result back. */
class OvmfVariableStoreTest {
  static final Path SNAKEOIL = Path.of("/usr/share/OVMF/OVMF_VARS_4M.snakeoil.fd");
  static final Path NO_KEYS = Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd");
  private static final UUID DB = OvmfVariableStore.IMAGE_SECURITY_DATABASE;
  private static final UUID GLOBAL = OvmfVariableStore.GLOBAL_VARIABLE;

  @TempDir static Path keys;
  static TestSigner one;
  static TestSigner two;

  @BeforeAll
  static void certificates() throws Exception {
    one = TestSigner.make(keys, "one");
    two = TestSigner.make(keys, "two");
  }

  @Test
  void dbHoldsExactlyTheGivenCertificatesAndNothingElseChanges() throws Exception {
    HostTools.requireFiles(SNAKEOIL.toString());
    byte[] original = Files.readAllBytes(SNAKEOIL);
    OvmfVariableStore before = OvmfVariableStore.read(SNAKEOIL);
    byte[] lists =
        EfiSignatureLists.x509(List.of(one.holder().getEncoded(), two.holder().getEncoded()));

    byte[] written = before.withDb(lists).bytes();
    OvmfVariableStore after = OvmfVariableStore.parse(written, "written");

    assertEquals(original.length, written.length);
    List<OvmfVariableStore.Variable> liveDbs = live(after, "db", DB);
    assertEquals(1, liveDbs.size(), "live db entries");
    OvmfVariableStore.Variable db = liveDbs.get(0);
    assertArrayEquals(lists, after.data(db));
    OvmfVariableStore.Variable oldDb = only(before, "db", DB);
    assertEquals(0x27, db.attributes());
    assertEquals(oldDb.attributes(), db.attributes());
    assertEquals(0, db.monotonicCount());
    assertEquals(0, db.pubKeyIndex());
    assertArrayEquals(
        Arrays.copyOfRange(original, oldDb.offset() + 16, oldDb.offset() + 32),
        Arrays.copyOfRange(written, db.offset() + 16, db.offset() + 32),
        "the timestamp of the old db");
    List<OvmfVariableStore.Variable> last = before.variables();
    assertEquals(
        (last.get(last.size() - 1).dataOffset() + last.get(last.size() - 1).dataSize() + 3) & ~3,
        db.offset(),
        "the new db follows the last variable, 4-byte aligned");

    // The old db is deleted in place: the only byte that differs before the new entry.
    OvmfVariableStore.Variable deleted = after.variables().get(before.variables().indexOf(oldDb));
    assertEquals(oldDb.offset(), deleted.offset());
    assertEquals(OvmfVariableStore.VAR_DELETED, deleted.state());
    int differences = 0;
    for (int i = 0; i < db.offset(); i++) {
      differences += original[i] == written[i] ? 0 : 1;
    }
    assertEquals(1, differences, "bytes changed before the new db");
    for (int i = db.dataOffset() + db.dataSize(); i < written.length; i++) {
      if (original[i] != written[i]) {
        throw new AssertionError("byte " + i + " after the new db changed");
      }
    }
    assertEquals(before.variables().size() + 1, after.variables().size());

    for (String[] key : new String[][] {{"PK", "g"}, {"KEK", "g"}, {"dbx", "d"}}) {
      UUID vendor = key[1].equals("g") ? GLOBAL : DB;
      OvmfVariableStore.Variable was = only(before, key[0], vendor);
      OvmfVariableStore.Variable is = only(after, key[0], vendor);
      assertEquals(was, is, key[0]);
      assertArrayEquals(before.data(was), after.data(is), key[0]);
    }
  }

  @Test
  void theSignatureListHasTheLayoutOfTheUefiSpecification() throws Exception {
    byte[] der = one.holder().getEncoded();
    ByteBuffer list =
        ByteBuffer.wrap(EfiSignatureLists.x509(List.of(der))).order(ByteOrder.LITTLE_ENDIAN);
    // EFI_CERT_X509_GUID as the firmware stores it.
    assertEquals(
        "a159c0a5e494a74a87b5ab155c2bf072",
        HexFormat.of().formatHex(Arrays.copyOfRange(list.array(), 0, 16)));
    assertEquals(28 + 16 + der.length, list.getInt(16), "SignatureListSize");
    assertEquals(0, list.getInt(20), "SignatureHeaderSize");
    assertEquals(16 + der.length, list.getInt(24), "SignatureSize");
    assertEquals(EfiSignatureLists.APPLC_OWNER, EfiGuid.read(list, 28));
    assertArrayEquals(der, Arrays.copyOfRange(list.array(), 44, list.capacity()));
    assertEquals(list.capacity(), list.getInt(16));
  }

  @Test
  void enrollingAgainReplacesTheEnrolledDb() throws Exception {
    HostTools.requireFiles(SNAKEOIL.toString());
    byte[] first = EfiSignatureLists.x509(List.of(one.holder().getEncoded()));
    byte[] second = EfiSignatureLists.x509(List.of(two.holder().getEncoded()));
    OvmfVariableStore twice = OvmfVariableStore.read(SNAKEOIL).withDb(first).withDb(second);
    List<OvmfVariableStore.Variable> liveDbs = live(twice, "db", DB);
    assertEquals(1, liveDbs.size());
    assertArrayEquals(second, twice.data(liveDbs.get(0)));
  }

  @Test
  void theTemplateIsNotChanged() throws Exception {
    HostTools.requireFiles(SNAKEOIL.toString());
    Path copy = keys.resolve("vars.fd");
    Files.copy(SNAKEOIL, copy);
    OvmfVariableStore store = OvmfVariableStore.read(copy);
    Path out = keys.resolve("enrolled.fd");
    store.withDb(EfiSignatureLists.x509(List.of(one.holder().getEncoded()))).write(out);
    assertArrayEquals(Files.readAllBytes(SNAKEOIL), Files.readAllBytes(copy));
    assertArrayEquals(Files.readAllBytes(SNAKEOIL), store.bytes());
    assertEquals(Files.size(SNAKEOIL), Files.size(out));
  }

  @Test
  void aFileThatIsNoVariableStoreIsRefused() throws Exception {
    String message =
        assertThrows(
                OvmfVariableStore.Unusable.class, () -> OvmfVariableStore.read(one.certificate()))
            .getMessage();
    assertEquals(
        one.certificate()
            + " is not an OVMF variable store (no firmware volume for variables at its start)",
        message);
    assertThrows(
        OvmfVariableStore.Unusable.class, () -> OvmfVariableStore.parse(new byte[0], "empty"));
  }

  @Test
  void aTruncatedStoreIsRefused() throws Exception {
    HostTools.requireFiles(SNAKEOIL.toString());
    byte[] whole = Files.readAllBytes(SNAKEOIL);
    String message =
        assertThrows(
                OvmfVariableStore.Unusable.class,
                () -> OvmfVariableStore.parse(Arrays.copyOf(whole, 100_000), "short.fd"))
            .getMessage();
    assertEquals("short.fd is truncated: its firmware volume is 540672 bytes long", message);
  }

  @Test
  void aDamagedVariableIsRefused() throws Exception {
    HostTools.requireFiles(SNAKEOIL.toString());
    byte[] bytes = Files.readAllBytes(SNAKEOIL);
    OvmfVariableStore.Variable db = only(OvmfVariableStore.read(SNAKEOIL), "db", DB);
    // A DataSize far beyond the store.
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(db.offset() + 40, 0x7fff_0000);
    String message =
        assertThrows(
                OvmfVariableStore.Unusable.class, () -> OvmfVariableStore.parse(bytes, "bad.fd"))
            .getMessage();
    assertTrue(message.startsWith("bad.fd is damaged: the variable at 0x"), message);
  }

  @Test
  void aStoreWithoutKeysHasNoDbToReplace() throws Exception {
    HostTools.requireFiles(NO_KEYS.toString());
    OvmfVariableStore store = OvmfVariableStore.read(NO_KEYS);
    String message =
        assertThrows(
                OvmfVariableStore.Unusable.class,
                () -> store.withDb(EfiSignatureLists.x509(List.of(one.holder().getEncoded()))))
            .getMessage();
    assertTrue(message.startsWith(NO_KEYS + " has no Secure Boot db variable to replace"), message);
  }

  @Test
  void aDbThatDoesNotFitIsRefused() throws Exception {
    HostTools.requireFiles(SNAKEOIL.toString());
    OvmfVariableStore store = OvmfVariableStore.read(SNAKEOIL);
    String message =
        assertThrows(OvmfVariableStore.Unusable.class, () -> store.withDb(new byte[300_000]))
            .getMessage();
    assertTrue(
        message.startsWith(
            "the new db (300000 bytes) does not fit in the variable store of " + SNAKEOIL),
        message);
    // The largest db that fits is accepted, one byte more is not.
    OvmfVariableStore.Variable last = store.variables().get(store.variables().size() - 1);
    int at = (last.dataOffset() + last.dataSize() + 3) & ~3;
    ByteBuffer header =
        ByteBuffer.wrap(Files.readAllBytes(SNAKEOIL)).order(ByteOrder.LITTLE_ENDIAN);
    int storeAt = Short.toUnsignedInt(header.getShort(48));
    int storeEnd = storeAt + header.getInt(storeAt + 16);
    int room = storeEnd - at - 60 - "db\0".length() * 2;
    assertEquals(room, live(store.withDb(new byte[room]), "db", DB).get(0).dataSize());
    assertThrows(OvmfVariableStore.Unusable.class, () -> store.withDb(new byte[room + 1]));
  }

  private static List<OvmfVariableStore.Variable> live(
      OvmfVariableStore store, String name, UUID vendor) {
    return store.variables().stream()
        .filter(v -> v.live() && v.name().equals(name) && v.vendor().equals(vendor))
        .toList();
  }

  private static OvmfVariableStore.Variable only(
      OvmfVariableStore store, String name, UUID vendor) {
    List<OvmfVariableStore.Variable> found = live(store, name, vendor);
    assertEquals(1, found.size(), "live " + name);
    return found.get(0);
  }
}
