package dev.applc.backends.sysupdate;

import dev.applc.compiler.backend.Target;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Partition;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The names of the files a systemd-sysupdate update is made of: the one place where the build that
 * publishes them and the transfer files that fetch them agree.
 *
 * <p>An update of version {@code V} of an appliance whose image id is {@code ID} is a folder (the
 * {@code update.source} URL) holding:
 *
 * <pre>
 *   ID_V.NAME.UUID.raw[.zst]   one per slotted partition NAME (usr, usr-verity, usr-verity-sig, ...):
 *                              the partition's contents, UUID being the GPT partition UUID the
 *                              build gave it (for verity, derived from the root hash)
 *   ID_V.efi[.zst]             the UKI, when the appliance has one
 *   SHA256SUMS                 sha256sum(1) lines for every file above
 *   SHA256SUMS.gpg             a detached OpenPGP signature of SHA256SUMS
 * </pre>
 *
 * <p>The compression suffix follows {@link #compression}: {@code .zst} for zstd, {@code .xz} for
 * xz, {@code .gz} for gzip, none for {@code none} and for lz4. systemd-sysupdate decompresses while
 * it writes, with the formats systemd's importer reads: xz, gzip and bzip2, and zstd only from
 * systemd 258 on. A systemd 257 device (Debian trixie) wrote a {@code .zst} UKI to the ESP as it
 * was, still compressed, and its boot loader skipped it.
 *
 * <p>{@code UUID} matters: systemd-sysupdate gives the partition it writes that UUID ({@code @u}),
 * and {@code usrhash=}/{@code roothash=} on the kernel command line find the verity data and hash
 * partitions by the UUIDs derived from the root hash (the first and last 128 bits).
 *
 * <p>systemd-repart writes the partition files under these names itself: {@code --split=yes} on an
 * output {@code ID_V.raw}, with {@link #repartSplitName} as each partition's {@code SplitName=}.
 * The build then compresses them, writes SHA256SUMS and signs it. The image's os-release carries
 * {@code IMAGE_VERSION=V}, which the transfers protect ({@code ProtectVersion=%A}).
 *
 * <p>On the disk the build makes, slot A's partitions are labelled {@link #installedLabel} (the
 * partition's label, {@code _}, the version), so that systemd-sysupdate knows them as the installed
 * version; the other slots are labelled {@code _empty}. The UKI of the disk image is installed as
 * {@link #installedUki} under {@link #UKI_DIRECTORY} on the ESP.
 */
public final class Artifacts {
  public static final String CHECKSUMS = "SHA256SUMS";
  public static final String CHECKSUMS_SIGNATURE = "SHA256SUMS.gpg";

  /** Where UKIs live on the ESP (or XBOOTLDR), as the Boot Loader Specification has it. */
  public static final String UKI_DIRECTORY = "/EFI/Linux";

  /** Characters systemd-sysupdate refuses in match patterns, and blanks that split them. */
  private static final Pattern PATTERN_UNSAFE = Pattern.compile("[$*?\\[\\]!\\\\|\\s\\p{Cntrl}]");

  private final String imageId;
  private final String compressionSuffix;

  private Artifacts(String imageId, String compressionSuffix) {
    this.imageId = imageId;
    this.compressionSuffix = compressionSuffix;
  }

  /** The first systemd whose importer (systemd-pull, which sysupdate runs) reads zstd. */
  public static final int IMPORT_READS_ZSTD_SINCE = 258;

  public static Artifacts of(Appliance a) {
    return new Artifacts(a.build().imageId(), compressionSuffix(compression(a)));
  }

  /**
   * How the update artifacts are compressed: {@code build.compression}, except that zstd becomes
   * gzip for a device whose systemd cannot read zstd (the partition images inside are compressed
   * file systems already, so gzip costs little room).
   */
  public static String compression(Appliance a) {
    String c = a.build().compression();
    if (c.equals("zstd") && Target.of(a.os()).systemd() < IMPORT_READS_ZSTD_SINCE) {
      return "gzip";
    }
    return c;
  }

  /** The file name suffix of compressed artifacts, empty when they are published as they are. */
  public static String compressionSuffix(String compression) {
    return switch (compression) {
      case "zstd" -> ".zst";
      case "xz" -> ".xz";
      case "gzip" -> ".gz";
      default -> "";
    };
  }

  public String imageId() {
    return imageId;
  }

  /** The artifact of a slotted partition: {@code system_1.2.usr-verity.UUID.raw.zst}. */
  public String partitionFile(Partition p, String version, String partitionUuid) {
    return imageId
        + "_"
        + version
        + "."
        + p.name()
        + "."
        + partitionUuid
        + ".raw"
        + compressionSuffix;
  }

  /**
   * The {@code SplitName=} of a partition's build-time repart definition that makes repart write
   * {@link #partitionFile} ({@code %U} is the partition UUID).
   */
  public static String repartSplitName(Partition p) {
    return p.name() + ".%U";
  }

  /** The systemd-sysupdate source pattern that matches {@link #partitionFile}. */
  public String partitionPattern(Partition p) {
    return literal(imageId + "_")
        + "@v"
        + literal("." + p.name() + ".")
        + "@u"
        + literal(".raw" + compressionSuffix);
  }

  /** The UKI artifact: {@code system_1.2.efi.zst}. */
  public String ukiFile(String version) {
    return imageId + "_" + version + ".efi" + compressionSuffix;
  }

  public String ukiPattern() {
    return literal(imageId + "_") + "@v" + literal(".efi" + compressionSuffix);
  }

  /** The UKI's file name in {@link #UKI_DIRECTORY}, without boot counting. */
  public String installedUki(String version) {
    return imageId + "_" + version + ".efi";
  }

  /**
   * The UKI's target patterns: the first names a new install, the others match it in every state
   * boot counting renames it to ({@code +LEFT-DONE}, {@code +LEFT}, blessed).
   */
  public List<String> installedUkiPatterns(boolean bootCounting) {
    String base = literal(imageId + "_") + "@v";
    if (!bootCounting) {
      return List.of(base + ".efi");
    }
    return List.of(base + "+@l-@d.efi", base + "+@l.efi", base + ".efi");
  }

  /** The GPT label of a partition holding a version: {@code usr-a_1.2}. */
  public static String installedLabel(Partition slotA, String version) {
    return slotA.label() + "_" + version;
  }

  /** The systemd-sysupdate target pattern that matches {@link #installedLabel}. */
  public static String labelPattern(Partition slotA) {
    return literal(slotA.label() + "_") + "@v";
  }

  /**
   * A literal part of a match pattern: {@code %} starts a specifier and {@code @} a wildcard, so
   * both are doubled. The checker has kept out what patterns cannot hold at all.
   */
  static String literal(String s) {
    if (PATTERN_UNSAFE.matcher(s).find()) {
      throw new IllegalArgumentException("not usable in a sysupdate pattern: " + s);
    }
    return s.replace("%", "%%").replace("@", "@@");
  }
}
