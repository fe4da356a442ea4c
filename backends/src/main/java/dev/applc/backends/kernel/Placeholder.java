package dev.applc.backends.kernel;

/**
 * The values of a kernel command line that exist only once the image is built. The command line
 * carries them as {@code @NAME@}; the build replaces each before the line is used.
 */
public enum Placeholder {
  USRHASH(
      "the dm-verity root hash of the /usr image, in lowercase hex, as `veritysetup format`"
          + " prints it (or `roothash` in `systemd-repart --json`)"),
  ROOTHASH(
      "the dm-verity root hash of the root image, in lowercase hex, as `veritysetup format`"
          + " prints it (or `roothash` in `systemd-repart --json`)"),
  USR_PARTUUID(
      "the GPT partition UUID of the /usr partition: with verity, the first 128 bits of"
          + " @USRHASH@ written as a UUID"),
  USR_VERITY_PARTUUID(
      "the GPT partition UUID of the /usr verity hash partition: the last 128 bits of"
          + " @USRHASH@ written as a UUID"),
  ROOT_PARTUUID(
      "the GPT partition UUID of the root partition: with verity, the first 128 bits of"
          + " @ROOTHASH@ written as a UUID"),
  ROOT_VERITY_PARTUUID(
      "the GPT partition UUID of the root verity hash partition: the last 128 bits of"
          + " @ROOTHASH@ written as a UUID");

  private final String meaning;

  Placeholder(String meaning) {
    this.meaning = meaning;
  }

  /** As it stands in the command line: {@code @USRHASH@}. */
  public String token() {
    return "@" + name() + "@";
  }

  /** What the build puts in its place. */
  public String meaning() {
    return meaning;
  }
}
