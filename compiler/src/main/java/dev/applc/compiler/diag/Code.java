package dev.applc.compiler.diag;

import java.util.Arrays;
import java.util.Optional;

/**
 * The catalog of diagnostic codes. Each code has a one-line title here, a page in {@code
 * docs/diagnostics/CODE.md} (shown by {@code applc explain CODE}) and at least one case in the
 * diagnostics corpus under {@code specs/diagnostics/}.
 *
 * <p>Numbering: 00xx syntax and files, 01xx names and types, 02xx the disk, 03xx boot and board,
 * 04xx OS content and units, 05xx updates and keys, 06xx what the target's tool versions can do.
 * Codes are never reused.
 */
public enum Code {
  // Syntax and files.
  SYNTAX("APL0001", Severity.ERROR, "syntax error"),
  LANGUAGE_VERSION("APL0002", Severity.ERROR, "missing or unsupported language version"),
  IMPORT_NOT_FOUND("APL0003", Severity.ERROR, "import not found"),
  IMPORT_CYCLE("APL0004", Severity.ERROR, "import cycle"),
  FILE_UNREADABLE("APL0005", Severity.ERROR, "file cannot be read"),
  NO_APPLIANCE("APL0006", Severity.ERROR, "no appliance in the file"),
  IMPORT_OUTSIDE_PROJECT("APL0007", Severity.ERROR, "import outside the project"),
  IMPORT_NOT_A_SPEC("APL0008", Severity.ERROR, "imported file is not a spec"),
  NESTING_TOO_DEEP("APL0009", Severity.ERROR, "nesting too deep"),
  OUTPUT_NOT_APPLC("APL0010", Severity.ERROR, "output path is not a folder applc wrote"),
  INPUT_TOO_LARGE("APL0011", Severity.ERROR, "input too large"),
  TOO_MANY_DIAGNOSTICS("APL0012", Severity.ERROR, "too many diagnostics"),

  // Names, types and values.
  UNKNOWN_PROPERTY("APL0100", Severity.ERROR, "unknown property"),
  UNKNOWN_BLOCK("APL0101", Severity.ERROR, "unknown block"),
  DUPLICATE_PROPERTY("APL0102", Severity.ERROR, "property set twice"),
  DUPLICATE_NAME("APL0103", Severity.ERROR, "name defined twice"),
  WRONG_TYPE("APL0104", Severity.ERROR, "value of the wrong type"),
  BAD_UNIT("APL0105", Severity.ERROR, "unknown or wrong unit"),
  MISSING_REQUIRED("APL0106", Severity.ERROR, "required setting missing"),
  UNDEFINED_REFERENCE("APL0107", Severity.ERROR, "reference to an undefined name"),
  BAD_ENUM("APL0108", Severity.ERROR, "value not one of the allowed choices"),
  BAD_LABELS("APL0109", Severity.ERROR, "block has the wrong labels"),
  UNSAFE_STRING("APL0110", Severity.ERROR, "string cannot be used safely"),
  BAD_PATH("APL0111", Severity.ERROR, "invalid path"),
  INLINE_SECRET("APL0112", Severity.ERROR, "secret written inline"),
  BAD_EXTENDS("APL0113", Severity.ERROR, "cannot extend this"),
  CONFLICTING_SETTINGS("APL0114", Severity.ERROR, "settings that exclude each other"),

  // The disk.
  DISK_OVERFLOW("APL0200", Severity.ERROR, "partitions do not fit the disk"),
  ASYMMETRIC_SLOTS("APL0201", Severity.ERROR, "A/B slots differ in size"),
  LABEL_TOO_LONG("APL0202", Severity.ERROR, "GPT partition label too long"),
  LABEL_NO_ROOM_FOR_VERSION("APL0203", Severity.ERROR, "label leaves no room for the version"),
  DUPLICATE_LABEL("APL0204", Severity.ERROR, "two partitions share a label"),
  TYPE_NOT_FOR_ARCH(
      "APL0205", Severity.ERROR, "partition type does not exist for the architecture"),
  ENCRYPTED_VERITY("APL0206", Severity.ERROR, "encryption and verity on one partition"),
  VERITY_NOT_ALLOWED("APL0207", Severity.ERROR, "verity on a partition that cannot have it"),
  SIGNED_VERITY_WITHOUT_KEY("APL0208", Severity.ERROR, "signed verity without a key"),
  MULTIPLE_GROW("APL0209", Severity.WARNING, "more than one partition grows"),
  PARTITION_TOO_SMALL("APL0210", Severity.ERROR, "partition too small"),
  FORMAT_NOT_FOR_TYPE("APL0211", Severity.ERROR, "file system does not suit the partition"),
  SUBVOLUMES_NOT_BTRFS("APL0212", Severity.ERROR, "subvolumes on a file system other than btrfs"),
  BAD_SLOTS("APL0213", Severity.ERROR, "invalid slot declaration"),
  DUPLICATE_MOUNT("APL0214", Severity.ERROR, "two partitions mount at one path"),

  // Board and boot.
  FIRMWARE_CANNOT_BOOT("APL0300", Severity.ERROR, "firmware cannot boot this disk layout"),
  UBOOT_ENV_OVERLAP("APL0301", Severity.ERROR, "u-boot environment overlaps"),
  UBOOT_ENV_WRONG_FIRMWARE(
      "APL0302", Severity.ERROR, "u-boot environment on a board without u-boot"),
  DEVICE_TREE_ON_X86("APL0303", Severity.WARNING, "device tree on an x86-64 board"),
  OS_IN_INITRD("APL0304", Severity.ERROR, "an OS in the initrd that this appliance cannot boot"),
  SIZE_BUDGET_UNUSED(
      "APL0305", Severity.WARNING, "size budget of an image the build does not make"),

  // OS content and units.
  SYSVINIT_WITH_SYSTEMD_FEATURE("APL0400", Severity.ERROR, "systemd feature on a sysvinit system"),
  UNKNOWN_USER("APL0401", Severity.WARNING, "user not defined in the spec"),
  UNKNOWN_RELEASE("APL0402", Severity.WARNING, "unknown distribution release"),
  UNIT_NAME("APL0403", Severity.ERROR, "invalid systemd unit name"),
  MASK_AND_ENABLE("APL0404", Severity.ERROR, "unit both enabled and masked"),
  DUPLICATE_FILE("APL0405", Severity.ERROR, "two inline files at one path"),
  SESSION_NOT_REACHED("APL0406", Severity.ERROR, "the session's target is not reached at boot"),
  BAD_INPUT(
      "APL0407",
      Severity.ERROR,
      "input is not a regular file or folder, or links outside the project"),
  OVERLAY_MODE_BITS(
      "APL0408", Severity.WARNING, "overlay file with setuid, setgid or world-writable bits"),
  MISSING_INPUT("APL0409", Severity.WARNING, "input file or folder does not exist"),

  // Updates and keys.
  RAUC_WITHOUT_COMPATIBLE("APL0500", Severity.ERROR, "RAUC update without a compatible string"),
  UPDATE_WITHOUT_SLOTS("APL0501", Severity.ERROR, "A/B update without A/B slots"),
  GOOD_WHEN_UNKNOWN_UNIT("APL0502", Severity.WARNING, "boot-good unit not defined in the spec"),
  KEY_WITHOUT_CERTIFICATE("APL0503", Severity.ERROR, "key lacks the part this use needs"),
  DELTA_NEEDS_RAUC("APL0504", Severity.ERROR, "casync delta updates need RAUC"),
  VERITY_UPDATE_NEEDS_UKI("APL0505", Severity.ERROR, "sysupdate of a verity image without a UKI"),
  KEY_FILE_MISSING("APL0506", Severity.ERROR, "a key file the build needs does not exist"),
  UPDATE_SERVICE_MISSING("APL0507", Severity.WARNING, "the image lacks its update service"),
  PRIVATE_KEY_IN_IMAGE("APL0508", Severity.ERROR, "a private key would reach the image"),
  FIELD_INCOMPATIBLE(
      "APL0509", Severity.WARNING, "a change that devices already in the field cannot take"),
  SYSUPDATE_UNSIGNED(
      "APL0510", Severity.WARNING, "sysupdate from a URL, but nothing signs the updates"),

  // What `applc verify` finds when it checks a build's artifacts against the spec.
  VERIFY_OUTPUT_INCOMPLETE("APL0530", Severity.ERROR, "a file applc verify needs is missing"),
  VERIFY_TOOL_MISSING("APL0531", Severity.ERROR, "a tool applc verify needs is not installed"),
  VERIFY_CONFIG_STALE(
      "APL0532", Severity.ERROR, "the build's config is not what the spec compiles to"),
  VERIFY_GPT_MISMATCH(
      "APL0533", Severity.ERROR, "the built disk's partition table differs from the spec"),
  VERIFY_UKI_MISMATCH("APL0534", Severity.ERROR, "a built UKI differs from the spec"),
  VERIFY_BUNDLE_MISMATCH("APL0535", Severity.ERROR, "a built RAUC bundle differs from the spec"),
  VERIFY_SYSUPDATE_MISMATCH(
      "APL0536", Severity.ERROR, "built systemd-sysupdate artifacts differ from the spec"),

  // What the target's tool versions can do (reported by backends).
  TARGET_UNSUPPORTED("APL0600", Severity.ERROR, "the target's tools cannot do this"),
  TARGET_DEGRADED("APL0601", Severity.WARNING, "the target's tools do this only in part");

  private final String id;
  private final Severity severity;
  private final String title;

  Code(String id, Severity severity, String title) {
    this.id = id;
    this.severity = severity;
    this.title = title;
  }

  public String id() {
    return id;
  }

  public Severity severity() {
    return severity;
  }

  public String title() {
    return title;
  }

  public static Optional<Code> byId(String id) {
    return Arrays.stream(values()).filter(c -> c.id.equalsIgnoreCase(id)).findFirst();
  }
}
