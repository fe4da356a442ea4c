package dev.applc.vm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/**
 * GUIDs as UEFI stores them (in GPT entries and firmware variables): the first three fields
 * little-endian, the last eight bytes in order.
 */
final class EfiGuid {
  static final int SIZE = 16;

  private EfiGuid() {}

  static UUID read(ByteBuffer b, int at) {
    ByteBuffer le = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    long d1 = Integer.toUnsignedLong(le.getInt(at));
    long d2 = Short.toUnsignedLong(le.getShort(at + 4));
    long d3 = Short.toUnsignedLong(le.getShort(at + 6));
    long high = (d1 << 32) | (d2 << 16) | d3;
    long low = 0;
    for (int i = 8; i < SIZE; i++) {
      low = (low << 8) | (le.get(at + i) & 0xff);
    }
    return new UUID(high, low);
  }

  static byte[] bytes(UUID guid) {
    long high = guid.getMostSignificantBits();
    ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt((int) (high >>> 32));
    b.putShort((short) (high >>> 16));
    b.putShort((short) high);
    b.order(ByteOrder.BIG_ENDIAN).putLong(guid.getLeastSignificantBits());
    return b.array();
  }
}
