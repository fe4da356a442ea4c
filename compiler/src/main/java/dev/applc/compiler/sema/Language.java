package dev.applc.compiler.sema;

import static dev.applc.compiler.sema.BlockSchema.block;

import dev.applc.compiler.model.PartitionType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The appliance language, version 1: every block, label and property, with its type and the
 * documentation that editors show on hover. {@code docs/language.md} describes the same things in
 * prose; a test keeps the two in step.
 */
public final class Language {
  /** The language versions this compiler reads. */
  public static final List<String> VERSIONS = List.of("1");

  private Language() {}

  // Shared types.
  static final Type STRING = new Type.Text(Type.Text.Kind.STRING);
  static final Type TEXT = new Type.Text(Type.Text.Kind.TEXT);
  static final Type PATH = new Type.Text(Type.Text.Kind.PATH);
  static final Type OCI_IMAGE = new Type.Text(Type.Text.Kind.OCI_IMAGE);
  static final Type ABS_PATH = new Type.Text(Type.Text.Kind.ABSOLUTE_PATH);
  static final Type ABS_GLOB = new Type.Text(Type.Text.Kind.ABSOLUTE_GLOB);
  static final Type VERSION = new Type.Text(Type.Text.Kind.VERSION);
  static final Type URL = new Type.Text(Type.Text.Kind.URL);
  static final Type MODE = new Type.Text(Type.Text.Kind.MODE);
  static final Type HOSTNAME = new Type.Text(Type.Text.Kind.HOSTNAME);
  static final Type COMPATIBLE = new Type.Text(Type.Text.Kind.COMPATIBLE);
  static final Type SIZE = new Type.Size();
  static final Type DURATION = new Type.Duration();
  static final Type BOOL = new Type.Bool();
  static final Type NAME = new Type.Word(Type.Word.Pattern.NAME);
  static final Type PACKAGE = new Type.Word(Type.Word.Pattern.PACKAGE);
  static final Type UNIT = new Type.Word(Type.Word.Pattern.UNIT);
  static final Type COUNT = new Type.Int(0, Integer.MAX_VALUE);

  static Type choice(String... values) {
    return new Type.Choice(List.of(values));
  }

  static Type list(Type element) {
    return new Type.ListOf(element);
  }

  static Type oneOf(Type... options) {
    return new Type.OneOf(List.of(options));
  }

  static Type call(String function, Type... arguments) {
    return new Type.Call(function, List.of(arguments));
  }

  static Type ref(String kind) {
    return new Type.Ref(kind);
  }

  /** Top-level declarations of a file, by kind. */
  public static final Map<String, BlockSchema> TOP_LEVEL = topLevel();

  private static Map<String, BlockSchema> topLevel() {
    Map<String, BlockSchema> top = new LinkedHashMap<>();
    BlockSchema board = board();
    BlockSchema disk = disk("disk", "The disk layout: partitions and A/B slots.").build();
    top.put("appliance", appliance(disk));
    top.put("board", board);
    top.put(
        "layout",
        block("layout", "A reusable disk layout; a `disk` uses it with `disk extends NAME`.")
            .label("name", NAME, "The layout's name.")
            .extendsKind("layout")
            .repeatable()
            .build()
            .withBodyOf(disk));
    top.put(
        "package-set",
        block("package-set", "A named list of packages; an `os` adds it with `package-sets`.")
            .label("name", NAME, "The package set's name.")
            .requiredProperty("packages", list(PACKAGE), "The packages in the set.")
            .repeatable()
            .build());
    return top;
  }

  private static BlockSchema appliance(BlockSchema disk) {
    return block("appliance", "One appliance: the image, its boot chain and its updates.")
        .label("name", NAME, "The appliance's name; also its default image id.")
        .requiredProperty("version", VERSION, "The version of this image, as updates see it.")
        .property(
            "compatible",
            COMPATIBLE,
            "The compatible string: which devices an update bundle is for (RAUC).",
            "none")
        .requiredProperty("board", ref("board"), "The board the appliance runs on.")
        .property("hostname", HOSTNAME, "The static host name.", "the appliance name")
        .property("description", STRING, "A one-line description, for os-release PRETTY_NAME.")
        .block(os())
        .block(kernel())
        .block(initrd())
        .block(uki())
        .block(disk)
        .block(session())
        .block(lockdown())
        .block(profile())
        .block(sysext())
        .block(update())
        .block(build())
        .block(key())
        .repeatable()
        .build();
  }

  private static BlockSchema board() {
    return block("board", "A hardware target: architecture, firmware and console.")
        .label("name", NAME, "The board's name, used as `board = NAME`.")
        .requiredProperty("arch", choice("x86-64", "arm64"), "The CPU architecture.")
        .requiredProperty(
            "firmware",
            choice("uefi", "uboot", "rpi-uefi"),
            "What starts the boot: UEFI firmware, u-boot, or EDK2 UEFI on a Raspberry Pi.")
        .property(
            "family",
            choice("generic", "raspberry-pi"),
            "The board family; a Raspberry Pi's ROM needs its first partition to be FAT.",
            "generic")
        .property(
            "console", STRING, "The serial console, as the kernel names it: \"ttyS0,115200\".")
        .property("device-tree", STRING, "The device tree blob the kernel needs, if any.")
        .property(
            "storage",
            ABS_PATH,
            "The device the appliance boots from on the target, such as \"/dev/mmcblk0\".",
            "\"/dev/sda\"")
        .property("description", STRING, "A one-line description.")
        .block(
            block("uboot-env", "Where u-boot keeps its environment on the boot device.")
                .property(
                    "device",
                    ABS_PATH,
                    "The device holding the environment.",
                    "the board's `storage`")
                .requiredProperty("offset", SIZE, "Byte offset of the first copy.")
                .property("redundant-offset", SIZE, "Byte offset of the redundant copy, if any.")
                .requiredProperty("size", SIZE, "Size of one copy.")
                .property("erase-size", SIZE, "Erase block size of the device.", "the copy's size")
                .build())
        .extendsKind("board")
        .repeatable()
        .build();
  }

  private static BlockSchema.Builder disk(String kind, String doc) {
    BlockSchema partition = partition(true);
    return block(kind, doc)
        .property(
            "size",
            SIZE,
            "The size of the disk image; partitions that `grow` share what is left.",
            "just large enough for the partitions")
        .property(
            "start",
            SIZE,
            "Where the first partition begins.",
            "1M, or after the u-boot environment when the board has one")
        .block(partition)
        .block(
            block("slots", "A/B slots: the partitions inside are made once per slot name.")
                .label("names", list(NAME), "The slot names, such as `[a, b]`.")
                .block(partition)
                .block(
                    block("slot", "Settings that apply to one slot only, such as its labels.")
                        .label("name", NAME, "The slot this applies to.")
                        .block(partition(false))
                        .repeatable()
                        .build())
                .build())
        .extendsKind("layout")
        .required();
  }

  private static BlockSchema partition(boolean typeRequired) {
    List<String> types = new ArrayList<>(PartitionType.IDENTIFIERS);
    BlockSchema.Builder b =
        block("partition", "One GPT partition.")
            .label("name", NAME, "The partition's name in the spec; references use it.");
    Type type = new Type.Choice(types);
    String typeDoc = "The Discoverable Partitions type, such as `esp`, `root`, `usr` or `var`.";
    if (typeRequired) {
      b.requiredProperty("type", type, typeDoc);
      b.requiredProperty("size", oneOf(SIZE, choice("grow")), "A fixed size, or `grow`.");
    } else {
      b.property("type", type, typeDoc);
      b.property("size", oneOf(SIZE, choice("grow")), "A fixed size, or `grow`.");
    }
    return b.property("min-size", SIZE, "The smallest size of a partition that grows.", "16M")
        .property(
            "format",
            choice("vfat", "ext4", "btrfs", "xfs", "squashfs", "erofs", "swap", "none"),
            "The file system.",
            "vfat for esp and xbootldr, swap for swap, ext4 otherwise")
        .property(
            "label",
            STRING,
            "The GPT partition label; `{slot}` stands for the slot name.",
            "the name, with `-SLOT` for slotted partitions")
        .property(
            "read-only",
            BOOL,
            "Mark the partition read-only (GPT flag 60).",
            "on for verity, squashfs and erofs")
        .property(
            "grow-filesystem",
            BOOL,
            "Grow the file system to the partition on first mount (GPT flag 59).",
            "on for writable partitions that grow")
        .property(
            "verity",
            oneOf(choice("off", "on", "signed"), call("signed", ref("key"))),
            "dm-verity: `on` derives a hash partition; `signed(KEY)` also a signature partition.",
            "off")
        .property("verity-size", SIZE, "Size of the derived verity hash partition.", "size/127")
        .property(
            "contents",
            oneOf(choice("os", "usr", "boot", "empty"), call("copy", PATH), call("files", PATH)),
            "What the build puts in the partition: the OS tree, the boot files, a copied image, a"
                + " folder of files, or nothing.",
            "os for root, usr for usr, boot for esp, empty otherwise")
        .property("mount", ABS_PATH, "Where the appliance mounts the partition.")
        .property("mount-options", list(STRING), "Mount options, such as `[\"noatime\"]`.")
        .property("factory-reset", BOOL, "Recreate the partition on a factory reset.", "off")
        .block(
            block("encryption", "LUKS2 encryption of the partition, set up on first boot.")
                .requiredProperty(
                    "unlock",
                    list(choice("tpm2", "key-file", "passphrase")),
                    "How the volume is unlocked.")
                .property("key-file", PATH, "The key file, for `key-file` unlocking.")
                .property(
                    "passphrase",
                    choice("prompt", "rpi-otp"),
                    "Where the passphrase comes from: typed, or a Raspberry Pi's OTP registers.",
                    "prompt")
                .property("tpm2-pcrs", list(new Type.Int(0, 23)), "TPM2 PCRs to bind to.", "[7]")
                .build())
        .block(
            block("subvolume", "A btrfs subvolume.")
                .label(
                    "name",
                    new Type.Word(Type.Word.Pattern.SUBVOLUME),
                    "The subvolume's path inside the file system, such as `@home`.")
                .property("mount", ABS_PATH, "Where the appliance mounts it.")
                .property("default", BOOL, "Make it the file system's default subvolume.", "off")
                .repeatable()
                .build())
        .repeatable()
        .build();
  }

  private static List<BlockSchema> contentBlocks() {
    return List.of(
        block("file", "A file written into the image.")
            .label("path", ABS_PATH, "Where the file goes on the appliance.")
            .property("content", TEXT, "The file's content.")
            .property("source", PATH, "A file of the spec's folder to copy instead.")
            .property("mode", MODE, "The file's mode.", "\"0644\"")
            .property("owner", NAME, "The owning user.", "root")
            .property("group", NAME, "The owning group.", "root")
            .repeatable()
            .build(),
        block("user", "A user account.")
            .label("name", NAME, "The user name.")
            .property("uid", COUNT, "The user id.", "allocated")
            .property("groups", list(NAME), "Supplementary groups.")
            .property("shell", ABS_PATH, "The login shell.", "\"/usr/sbin/nologin\"")
            .property("home", ABS_PATH, "The home directory.", "\"/home/NAME\"")
            .property("system", BOOL, "A system account.", "off")
            .repeatable()
            .build(),
        block("unit", "A systemd unit defined in the spec.")
            .label("name", UNIT, "The unit's name, such as `app.service`.")
            .property("description", STRING, "The unit's Description=.")
            .property("content", TEXT, "The whole unit file, instead of the settings below.")
            .property("after", list(UNIT), "Units this one starts after.")
            .property("before", list(UNIT), "Units this one starts before.")
            .property("wants", list(UNIT), "Units this one pulls in.")
            .property("requires", list(UNIT), "Units this one needs.")
            .property(
                "wanted-by",
                list(UNIT),
                "Targets that pull this unit in; a unit with `wanted-by` is enabled.")
            .property(
                "type",
                choice("simple", "exec", "oneshot", "notify", "forking", "idle"),
                "The service type.",
                "simple")
            .property("exec", STRING, "The command (ExecStart=); an absolute path first.")
            .property("exec-pre", list(STRING), "Commands run before (ExecStartPre=).")
            .property("user", NAME, "The user the service runs as.", "root")
            .property(
                "restart",
                choice("no", "on-failure", "always"),
                "When systemd restarts the service.",
                "no")
            .property("restart-sec", DURATION, "Delay before a restart.")
            .property("environment", list(STRING), "Environment as `KEY=value` strings.")
            .property("remain-after-exit", BOOL, "Stay active after the command exits.", "off")
            .property(
                "standard-output",
                choice("journal", "tty", "journal+console", "null"),
                "Where the output goes.",
                "journal")
            .repeatable()
            .build());
  }

  private static BlockSchema os() {
    BlockSchema.Builder b =
        block("os", "The operating system content of the image.")
            .label("distribution", choice("debian", "arch", "alpine"), "The distribution.")
            .label("release", NAME, "The release, such as `bookworm` or `rolling`.")
            .property("mirror", URL, "The package mirror.", "the bootstrap tool's default")
            .property(
                "source",
                oneOf(choice("bootstrap"), call("oci", OCI_IMAGE)),
                "Where the root file system comes from: the distribution's bootstrap tool, or a"
                    + " local OCI image (a layout folder or archive, with an optional `:REF`).",
                "bootstrap")
            .property("packages", list(PACKAGE), "Packages to install.")
            .property("package-sets", list(ref("package-set")), "Package sets to install.")
            .property("remove-packages", list(PACKAGE), "Packages to remove after install.")
            .property("strip", list(ABS_GLOB), "Paths (globs allowed) removed from the image.")
            .property(
                "firmware-keep",
                list(NAME),
                "Firmware folders to keep; the rest of /usr/lib/firmware is removed.",
                "keep all")
            .property("overlays", list(PATH), "Folders copied over the root file system.")
            .property("post-install", list(PATH), "Scripts run in the image after install.")
            .property("init", choice("systemd", "sysvinit"), "The init system.", "systemd")
            .property(
                "root",
                choice("disk", "initrd"),
                "Where the OS lives: partitions of the disk, or the UKI's initramfs, unpacked into"
                    + " RAM at every boot (the disk then holds only data).",
                "disk")
            .property(
                "factory-etc",
                BOOL,
                "Keep a golden /etc in /usr/share/factory/etc, copied in on first boot.",
                "off")
            .property("enable", list(UNIT), "systemd units to enable.")
            .property("mask", list(UNIT), "systemd units to mask.")
            .property("default-target", UNIT, "The default systemd target.", "multi-user.target")
            .block(
                block(
                        "tools",
                        "Tool versions that differ from the release's: the systemd and RAUC the"
                            + " appliance ships, and the mkosi that builds it.")
                    .property(
                        "systemd",
                        new Type.Int(230, 999),
                        "The systemd version on the appliance.",
                        "the release's")
                    .property(
                        "rauc", VERSION, "The RAUC version on the appliance.", "the release's")
                    .property(
                        "mkosi",
                        new Type.Int(9, 99),
                        "The mkosi version whose configuration dialect to write.",
                        "the release's")
                    .build())
            .required();
    contentBlocks().forEach(b::block);
    return b.build();
  }

  private static BlockSchema kernel() {
    return block("kernel", "The kernel and its command line.")
        .property("package", PACKAGE, "The kernel package.", "the distribution's default")
        .property("image", PATH, "A prebuilt kernel image instead of a package.")
        .property("config", list(PATH), "Kernel config fragments, for a kernel built from source.")
        .property("cmdline", list(STRING), "Extra kernel command line arguments.")
        .property("modules", list(NAME), "Extra kernel modules to install and load.")
        .build();
  }

  private static BlockSchema initrd() {
    return block("initrd", "The initial RAM disk.")
        .property(
            "generator",
            choice("initramfs-tools", "dracut", "mkinitcpio", "custom"),
            "What builds it.",
            "the distribution's default")
        .property("init", PATH, "The init script, for `generator = custom`.")
        .property("shell", BOOL, "Allow a shell in the initrd (emergency or rescue).", "off")
        .property("modules", list(NAME), "Extra modules in the initrd.")
        .build();
  }

  private static BlockSchema uki() {
    return block("uki", "A Unified Kernel Image: kernel, initrd and command line in one EFI file.")
        .property("sign", ref("key"), "Sign the UKI for Secure Boot with this key.")
        .property(
            "bootloader",
            choice("systemd-boot", "none"),
            "The boot loader in front of the UKI; `none` boots the UKI from the firmware.",
            "systemd-boot")
        .property("boot-counting", BOOL, "systemd-boot boot counting on the UKI.", "off")
        .build();
  }

  private static BlockSchema session() {
    return block("session", "Boot straight into one application on a VT, with no login.")
        .requiredProperty("user", NAME, "The user the session runs as.")
        .requiredProperty("exec", STRING, "The command line of the session.")
        .property("tty", new Type.Int(1, 63), "The virtual terminal.", "1")
        .property("unit", UNIT, "The name of the generated unit.", "APPLIANCE-session.service")
        .property("after", list(UNIT), "Units the session starts after.")
        .property("wants", list(UNIT), "Units the session pulls in.")
        .property("environment", list(STRING), "Environment as `KEY=value` strings.")
        .property("restart", choice("no", "on-failure", "always"), "When to restart.", "on-failure")
        .property("target", UNIT, "The target that starts the session.", "graphical.target")
        .build();
  }

  private static BlockSchema lockdown() {
    return block("lockdown", "Close the escape hatches of a locked-down appliance.")
        .property(
            "gettys",
            oneOf(choice("none", "default"), list(NAME)),
            "Which login prompts exist: `none`, `default`, or a list of ttys such as `[tty2]`.",
            "default")
        .property("ctrl-alt-del", BOOL, "Ctrl+Alt+Del reboots.", "on")
        .property("emergency-shell", BOOL, "The emergency and rescue shells.", "on")
        .property("sysrq", BOOL, "The magic SysRq key.", "on")
        .build();
  }

  private static BlockSchema profile() {
    BlockSchema.Builder b =
        block(
                "profile",
                "A variant of the appliance, such as `dev`: adds to or overrides the base.")
            .label("name", NAME, "The profile's name, chosen at build time.")
            .property("ssh", BOOL, "Install and enable an SSH server.", "off")
            .property(
                "getty",
                oneOf(choice("none"), NAME),
                "A login prompt on this tty, such as `tty2`.",
                "none")
            .property("packages", list(PACKAGE), "Extra packages.")
            .property("enable", list(UNIT), "Extra units to enable.")
            .property("unmask", list(UNIT), "Units masked by the base to unmask.")
            .property("overlays", list(PATH), "Extra overlay folders.")
            .property("cmdline", list(STRING), "Extra kernel command line arguments.")
            .repeatable();
    contentBlocks().forEach(b::block);
    return b.build();
  }

  private static BlockSchema sysext() {
    return block("sysext", "A system extension image merged over /usr at run time.")
        .label("name", NAME, "The extension's name.")
        .property("packages", list(PACKAGE), "Packages in the extension.")
        .property("overlays", list(PATH), "Folders copied into the extension.")
        .property("format", choice("squashfs", "erofs"), "The image format.", "squashfs")
        .property("version", VERSION, "The extension's version.", "the appliance version")
        .property("verity", BOOL, "Protect the extension with dm-verity.", "off")
        .repeatable()
        .build();
  }

  private static BlockSchema update() {
    return block("update", "How the appliance updates: RAUC or systemd-sysupdate.")
        .label("method", choice("rauc", "sysupdate"), "The update tool.")
        .property("source", URL, "Where updates are downloaded from.")
        .property(
            "compatible",
            COMPATIBLE,
            "The compatible string RAUC checks.",
            "the appliance's `compatible`")
        .property("bundle", choice("plain", "verity", "crypt"), "The RAUC bundle format.", "verity")
        .property(
            "keyring",
            oneOf(ref("key"), PATH),
            "The CA certificate that verifies bundles.",
            "the signing key's certificate")
        .property("signing-key", ref("key"), "The key that signs bundles or artifacts.")
        .property("delta", choice("off", "casync"), "Delta updates.", "off")
        .property("check-interval", DURATION, "How often to look for updates.", "never")
        .property(
            "reboot",
            choice("auto", "manual"),
            "Reboot into a new version on its own, or wait.",
            "manual")
        .property(
            "max-version-length",
            new Type.Int(1, 30),
            "Room kept in partition labels for the version sysupdate appends.",
            "16")
        .block(
            block("rollback", "Boot counting: when a new version counts as good.")
                .property("tries", new Type.Int(1, 15), "Boots tried before rolling back.", "3")
                .property("good-when", UNIT, "The unit or target whose start marks a good boot.")
                .build())
        .build();
  }

  private static BlockSchema build() {
    return block("build", "How images are built.")
        .property("reproducible", BOOL, "Build bit-for-bit reproducible images.", "on")
        .property(
            "source-date",
            oneOf(choice("git"), new Type.Int(0, SourceDates.LATEST), STRING),
            "The SOURCE_DATE_EPOCH: `git` (the last commit), seconds, or \"2024-01-01\".",
            "git")
        .property(
            "formats",
            list(choice("disk", "raucb", "sysupdate", "uki", "tar", "qcow2")),
            "The artifacts the build produces.",
            "[disk]")
        .property(
            "compression",
            choice("zstd", "xz", "lz4", "gzip", "none"),
            "Compression of read-only file systems and artifacts.",
            "zstd")
        .property("image-id", NAME, "The image id in os-release and file names.", "the name")
        .property(
            "max-size",
            SIZE,
            "The size budget of the OS image, checked after the build: the UKI when the OS is its"
                + " initrd, else each root and /usr partition image.")
        .build();
  }

  private static BlockSchema key() {
    return block("key", "A signing key and certificate, by file reference (never inline).")
        .label("name", NAME, "The key's name, used in references such as `sign = db`.")
        .property("path", PATH, "Base path: PATH.key and PATH.crt.")
        .property("private-key", PATH, "The private key file.", "PATH.key")
        .property("certificate", PATH, "The certificate file.", "PATH.crt")
        .repeatable()
        .build();
  }
}
