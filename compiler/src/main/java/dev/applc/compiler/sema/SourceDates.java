package dev.applc.compiler.sema;

/**
 * The range a build's source date (SOURCE_DATE_EPOCH) may take. Every file in an image carries it:
 * squashfs, cpio archives and FAT store times as unsigned 32-bit seconds, so a later date cannot be
 * written, and no date can come before 1970.
 */
final class SourceDates {
  private SourceDates() {}

  /** 2106-02-07T06:28:15Z, the last second an unsigned 32-bit time holds. */
  static final long LATEST = 0xffff_ffffL;

  static boolean inRange(long epochSeconds) {
    return epochSeconds >= 0 && epochSeconds <= LATEST;
  }
}
