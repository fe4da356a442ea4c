package dev.applc.compiler.source;

/**
 * How much input applc takes, documented in {@code docs/language.md}: enough for any real spec,
 * small enough that a hostile or broken file cannot exhaust the stack or the memory. Input over a
 * limit is reported (APL0009, APL0011), never a crash.
 */
public final class Limits {
  /** The deepest nesting of blocks, lists and calls, and the longest extends or import chain. */
  public static final int MAX_DEPTH = 64;

  /** The largest spec file, in bytes as read (characters for an editor's buffer): 4 MiB. */
  public static final int MAX_FILE_BYTES = 4 * 1024 * 1024;

  /** The longest name, number or standard-library path, in characters. */
  public static final int MAX_NAME = 1024;

  private Limits() {}
}
