package dev.applc.vm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * An OVMF variable store file, such as {@code /usr/share/OVMF/OVMF_VARS_4M.snakeoil.fd}: a firmware
 * volume whose variable store holds authenticated variables (EDK II's
 * AUTHENTICATED_VARIABLE_HEADER). It can replace the Secure Boot {@code db} in a copy, so that a VM
 * trusts the keys an image is signed with, without a firmware tool such as virt-fw-vars.
 *
 * <p>The replacement is written the way the firmware itself updates a variable: the old entry is
 * marked deleted and a new one is appended after the last entry. Nothing else moves, so PK, KEK,
 * dbx and every other variable stay as they were, and the volume header (whose checksum covers only
 * the header) stays valid.
 */
public final class OvmfVariableStore {
  /** EFI_SYSTEM_NV_DATA_FV_GUID: the firmware volume that holds the variable store. */
  static final UUID NV_DATA_VOLUME = UUID.fromString("fff12b8d-7696-4c8b-a985-2747075b4f50");

  /** gEfiAuthenticatedVariableGuid: a store of variables with authentication fields. */
  static final UUID AUTHENTICATED_STORE = UUID.fromString("aaf32c78-947b-439a-a180-2e144ec37792");

  /** gEfiVariableGuid: a store without authentication fields, which cannot hold Secure Boot. */
  static final UUID PLAIN_STORE = UUID.fromString("ddcf3616-3275-4164-98b6-fe85707ffe7d");

  /** EFI_IMAGE_SECURITY_DATABASE_GUID: the vendor of db and dbx. */
  public static final UUID IMAGE_SECURITY_DATABASE =
      UUID.fromString("d719b2cb-3d3a-4596-a3bc-dad00e67656f");

  /** EFI_GLOBAL_VARIABLE: the vendor of PK and KEK. */
  public static final UUID GLOBAL_VARIABLE =
      UUID.fromString("8be4df61-93ca-11d2-aa0d-00e098032b8c");

  static final int VOLUME_SIGNATURE_AT = 40;
  static final int VOLUME_HEADER_LENGTH_AT = 48;
  static final int STORE_HEADER_SIZE = 28;
  static final byte STORE_FORMATTED = 0x5a;
  static final byte STORE_HEALTHY = (byte) 0xfe;
  static final int VARIABLE_HEADER_SIZE = 60;
  static final int START_ID = 0x55aa;

  /** A variable in use: VAR_HEADER_VALID_ONLY and VAR_ADDED set, nothing else cleared. */
  static final int VAR_ADDED = 0x3f;

  /** VAR_ADDED with VAR_IN_DELETED_TRANSITION cleared: being replaced, still in use. */
  static final int VAR_IN_DELETED_TRANSITION = 0x3e;

  /**
   * VAR_ADDED with VAR_IN_DELETED_TRANSITION and VAR_DELETED cleared, as the firmware leaves it.
   */
  static final int VAR_DELETED = 0x3c;

  /** The free space of the store: flash bits that were never programmed. */
  static final byte ERASED = (byte) 0xff;

  /** Thrown for a file that is not a usable OVMF authenticated variable store. */
  public static final class Unusable extends Exception {
    private static final long serialVersionUID = 1L;

    public Unusable(String message) {
      super(message);
    }
  }

  /**
   * One entry of the store.
   *
   * @param offset where its header starts in the file
   * @param state the State byte: {@link #VAR_ADDED} for a live entry, fewer bits when deleted
   * @param name the name without its terminating NUL
   * @param dataOffset where its data starts in the file
   */
  public record Variable(
      int offset,
      int state,
      int attributes,
      long monotonicCount,
      int pubKeyIndex,
      String name,
      UUID vendor,
      int dataOffset,
      int dataSize) {
    public boolean live() {
      return state == VAR_ADDED;
    }

    boolean is(String name, UUID vendor) {
      return this.name.equals(name) && this.vendor.equals(vendor);
    }

    /** Where the next header starts: headers are 4-byte aligned. */
    int next() {
      return align(dataOffset + dataSize);
    }
  }

  private final String source;
  private final byte[] bytes;
  private final int storeEnd;
  private final List<Variable> variables;

  private OvmfVariableStore(String source, byte[] bytes, int storeEnd, List<Variable> variables) {
    this.source = source;
    this.bytes = bytes;
    this.storeEnd = storeEnd;
    this.variables = List.copyOf(variables);
  }

  public static OvmfVariableStore read(Path file) throws IOException, Unusable {
    return parse(Files.readAllBytes(file), file.toString());
  }

  /** Parses a store; {@code source} names it in error messages. */
  public static OvmfVariableStore parse(byte[] file, String source) throws Unusable {
    byte[] bytes = file.clone();
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    String notAStore = source + " is not an OVMF variable store";
    if (bytes.length < VOLUME_HEADER_LENGTH_AT + 2
        || !new String(bytes, VOLUME_SIGNATURE_AT, 4, StandardCharsets.US_ASCII).equals("_FVH")
        || !EfiGuid.read(b, 16).equals(NV_DATA_VOLUME)) {
      throw new Unusable(notAStore + " (no firmware volume for variables at its start)");
    }
    long volumeLength = b.getLong(32);
    if (volumeLength > bytes.length) {
      throw new Unusable(
          source + " is truncated: its firmware volume is " + volumeLength + " bytes long");
    }
    int headerLength = Short.toUnsignedInt(b.getShort(VOLUME_HEADER_LENGTH_AT));
    if (headerLength < VOLUME_HEADER_LENGTH_AT + 8
        || headerLength + STORE_HEADER_SIZE > bytes.length) {
      throw new Unusable(notAStore + " (damaged firmware volume header)");
    }
    UUID store = EfiGuid.read(b, headerLength);
    if (store.equals(PLAIN_STORE)) {
      throw new Unusable(
          source
              + " holds no authenticated variables, which Secure Boot needs; use the store of a"
              + " Secure Boot build such as OVMF_VARS_4M.snakeoil.fd");
    }
    if (!store.equals(AUTHENTICATED_STORE)) {
      throw new Unusable(notAStore + " (no variable store after the firmware volume header)");
    }
    long storeEnd = headerLength + Integer.toUnsignedLong(b.getInt(headerLength + 16));
    if (storeEnd > bytes.length) {
      throw new Unusable(source + " is truncated: its variable store ends at byte " + storeEnd);
    }
    if (b.get(headerLength + 20) != STORE_FORMATTED || b.get(headerLength + 21) != STORE_HEALTHY) {
      throw new Unusable(source + " has a variable store that is not formatted or not healthy");
    }
    List<Variable> variables = new ArrayList<>();
    int at = headerLength + STORE_HEADER_SIZE;
    while (at + VARIABLE_HEADER_SIZE <= storeEnd
        && Short.toUnsignedInt(b.getShort(at)) == START_ID) {
      long nameSize = Integer.toUnsignedLong(b.getInt(at + 36));
      long dataSize = Integer.toUnsignedLong(b.getInt(at + 40));
      if (at + VARIABLE_HEADER_SIZE + nameSize + dataSize > storeEnd) {
        throw new Unusable(
            source + " is damaged: the variable at " + hex(at) + " runs past the end of the store");
      }
      Variable v = variable(bytes, b, at, (int) nameSize, (int) dataSize);
      variables.add(v);
      at = v.next();
    }
    return new OvmfVariableStore(source, bytes, (int) storeEnd, variables);
  }

  /** The entry at {@code at}, whose name and data {@link #parse} has checked lie in the store. */
  private static Variable variable(byte[] bytes, ByteBuffer b, int at, int nameSize, int dataSize) {
    int nameAt = at + VARIABLE_HEADER_SIZE;
    String name = new String(bytes, nameAt, nameSize, StandardCharsets.UTF_16LE);
    int nul = name.indexOf('\0');
    return new Variable(
        at,
        Byte.toUnsignedInt(b.get(at + 2)),
        b.getInt(at + 4),
        b.getLong(at + 8),
        b.getInt(at + 32),
        nul < 0 ? name : name.substring(0, nul),
        EfiGuid.read(b, at + 44),
        nameAt + nameSize,
        dataSize);
  }

  /** Every entry in the order of the store, deleted ones included. */
  public List<Variable> variables() {
    return variables;
  }

  /** The data of an entry of this store. */
  public byte[] data(Variable v) {
    return Arrays.copyOfRange(bytes, v.dataOffset(), v.dataOffset() + v.dataSize());
  }

  /** The whole file. */
  public byte[] bytes() {
    return bytes.clone();
  }

  public void write(Path file) throws IOException {
    Files.write(file, bytes);
  }

  /**
   * A copy in which {@code db} holds exactly {@code signatureLists}, with the attributes and the
   * timestamp of the db it replaces. The store must have a live db: without one the firmware is in
   * setup mode (no PK), where a db would not be enforced anyway.
   */
  public OvmfVariableStore withDb(byte[] signatureLists) throws Unusable {
    List<Variable> dbs =
        variables.stream()
            .filter(v -> v.is("db", IMAGE_SECURITY_DATABASE))
            .filter(v -> v.live() || v.state() == VAR_IN_DELETED_TRANSITION)
            .toList();
    Variable old =
        dbs.stream()
            .filter(Variable::live)
            .findFirst()
            .orElseThrow(
                () ->
                    new Unusable(
                        source
                            + " has no Secure Boot db variable to replace; use a store with"
                            + " keys enrolled, such as OVMF_VARS_4M.snakeoil.fd"));
    byte[] name = "db\0".getBytes(StandardCharsets.UTF_16LE);
    int at = variables.get(variables.size() - 1).next();
    long end = (long) at + VARIABLE_HEADER_SIZE + name.length + signatureLists.length;
    if (end > storeEnd) {
      throw new Unusable(
          "the new db ("
              + signatureLists.length
              + " bytes) does not fit in the variable store of "
              + source
              + ", which has "
              + Math.max(0, storeEnd - at - VARIABLE_HEADER_SIZE - name.length)
              + " bytes free");
    }
    for (int i = at; i < end; i++) {
      if (bytes[i] != ERASED) {
        throw new Unusable(
            source + " is damaged: there is data after its last variable, at " + hex(i));
      }
    }
    byte[] copy = bytes.clone();
    ByteBuffer b = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
    for (Variable v : dbs) {
      copy[v.offset() + 2] = (byte) VAR_DELETED;
    }
    b.position(at);
    b.putShort((short) START_ID);
    b.put((byte) VAR_ADDED);
    b.put((byte) 0);
    b.putInt(old.attributes());
    b.putLong(0);
    // The TimeStamp of a time-based authenticated variable: later updates must not be older.
    b.put(bytes, old.offset() + 16, 16);
    b.putInt(0);
    b.putInt(name.length);
    b.putInt(signatureLists.length);
    b.put(EfiGuid.bytes(IMAGE_SECURITY_DATABASE));
    b.put(name);
    b.put(signatureLists);
    return parse(copy, source);
  }

  private static int align(int offset) {
    return (offset + 3) & ~3;
  }

  private static String hex(int offset) {
    return String.format(Locale.ROOT, "0x%x", offset);
  }
}
