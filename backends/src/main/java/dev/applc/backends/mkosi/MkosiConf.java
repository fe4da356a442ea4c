package dev.applc.backends.mkosi;

import dev.applc.backends.mkosi.MkosiValues.Shape;
import dev.applc.backends.sysupdate.Artifacts;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Board;
import dev.applc.compiler.model.BuildSettings;
import dev.applc.compiler.model.Key;
import dev.applc.compiler.model.OperatingSystem;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.Partition.Contents;
import dev.applc.compiler.model.PartitionType;
import dev.applc.compiler.model.UnitCommands;
import dev.applc.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The settings of {@code mkosi/mkosi.conf}, in the dialect of the target's mkosi. Each setting is
 * derived from one part of the model; the digest {@code mkosi.md} names where the two dialects
 * differ, key by key (mkosi 14 keeps boot and Secure Boot settings in {@code [Output]}, lists trees
 * as {@code ExtraTree=}, partitions the image itself; later versions use {@code [Content]}, {@code
 * [Validation]}, {@code [Build]} and systemd-repart).
 */
final class MkosiConf {
  /** The file the OCI image of {@code source = oci(...)} is expected in, exported to a tar. */
  static final String OCI_TAR = "oci-rootfs.tar";

  private final BackendContext ctx;
  private final Dialect dialect;
  private final MkosiValues values;
  private final ImageLayout layout;
  private final SpecFolder spec;
  private final Ini ini = new Ini();
  private final List<String> notes = new ArrayList<>();

  MkosiConf(
      BackendContext ctx,
      Dialect dialect,
      MkosiValues values,
      ImageLayout layout,
      SpecFolder spec) {
    this.ctx = ctx;
    this.dialect = dialect;
    this.values = values;
    this.layout = layout;
    this.spec = spec;
  }

  private boolean v14() {
    return dialect == Dialect.V14;
  }

  private Appliance a() {
    return ctx.appliance();
  }

  /** What mkosi builds: a disk, or (when the OS lives in the initrd) a UKI or its cpio. */
  enum Output {
    DISK,
    UKI
  }

  Output output() {
    boolean uki = a().build().formats().contains("uki");
    return layout.system().isEmpty() && uki ? Output.UKI : Output.DISK;
  }

  Ini build(boolean rootfs) {
    distribution();
    output(rootfs);
    return ini;
  }

  List<String> notes() {
    return notes;
  }

  private void distribution() {
    OperatingSystem os = a().os();
    ini.set("Distribution", "Distribution", os.distribution().id());
    ini.set("Distribution", "Release", os.release());
    ini.set("Distribution", "Architecture", dialect.architecture(a().board().arch()));
    os.mirror()
        .flatMap(
            m -> values.value("Mirror", m, Shape.SINGLE, os.origin().at("mirror"), "the mirror"))
        .ifPresent(m -> ini.set("Distribution", "Mirror", m));
  }

  private void output(boolean rootfs) {
    Appliance a = a();
    BuildSettings b = a.build();
    Output out = output();
    Optional<Partition> system = layout.system();
    String section = "Output";
    if (out == Output.UKI) {
      if (v14()) {
        ini.set(section, "Format", "cpio");
        degraded(
            b.origin().at("formats"),
            "mkosi 14 cannot build a UKI on its own; the mkosi tree builds the root file system"
                + " as the cpio archive of the UKI's initrd",
            "mkosi 14 makes UKIs only inside its gpt_* disk images",
            "build the UKI from the cpio (objcopy or ukify), or target a release with mkosi 15"
                + " or later, which has `Format=uki`");
      } else {
        ini.set(section, "Format", "uki");
      }
    } else if (v14()) {
      ini.set(section, "Format", v14Format(system));
    } else {
      ini.set(section, "Format", "disk");
    }
    values
        .value("ImageId", b.imageId(), Shape.SINGLE, b.origin().at("image-id"), "the image id")
        .ifPresent(id -> ini.set(section, "ImageId", id));
    values
        .value("ImageVersion", a.version(), Shape.SINGLE, a.origin().at("version"), "the version")
        .ifPresent(v -> ini.set(section, "ImageVersion", v));
    if (!v14()) {
      ini.set(section, "Output", "%i_%v");
    } else {
      notes.add("The image is IMAGEID_VERSION.raw (mkosi 14 names its output so).");
    }
    compression(section, out);
    boolean split =
        out == Output.DISK && (b.formats().contains("sysupdate") || b.formats().contains("raucb"));
    if (split) {
      ini.set(section, "SplitArtifacts", v14() ? "yes" : "partitions,uki");
    }
    if (!v14() && b.reproducible() && out == Output.DISK) {
      ini.set(section, "Seed", SysupdateOutputs.seed(a).toString());
    }
    if (v14()) {
      v14Boot(system);
    }
    content(rootfs);
    if (!v14()) {
      boot(out);
    }
    secureBoot(system);
    if (v14()) {
      v14Partitions(system);
    } else {
      ini.set("Build", "ToolsTree", "default");
      if (spec.mounted()) {
        ini.set("Build", "BuildSources", SpecFolder.LINK + ":" + SpecFolder.LINK);
      }
    }
  }

  /** mkosi 14's disk formats: the file system of the OS (or /usr) partition. */
  private String v14Format(Optional<Partition> system) {
    if (system.isEmpty()) {
      return "gpt_ext4";
    }
    return switch (layout.format(system.get())) {
      case SQUASHFS, EROFS -> "gpt_squashfs";
      case BTRFS -> "gpt_btrfs";
      case XFS -> "gpt_xfs";
      default -> "gpt_ext4";
    };
  }

  private void compression(String section, Output out) {
    BuildSettings b = a().build();
    String c = b.compression();
    if (SysupdateOutputs.applies(a()) && !Artifacts.compression(a()).equals(c)) {
      // The device's importer cannot read what mkosi would compress the update's files with.
      ini.set(section, "CompressOutput", "no");
      notes.add(
          "CompressOutput=no: the device's systemd-sysupdate reads no "
              + c
              + " (its importer does from systemd 258 on), so mkosi.postoutput compresses the"
              + " update's files with "
              + Artifacts.compression(a())
              + ".");
      return;
    }
    switch (c) {
      case "none" -> ini.set(section, "CompressOutput", "no");
      case "zstd", "xz" -> ini.set(section, "CompressOutput", c);
      case "lz4" -> {
        if (v14()) {
          ini.set(section, "CompressOutput", c);
        } else {
          compressionDegraded(c, "xz or zstd");
        }
      }
      default -> compressionDegraded(c, v14() ? "xz, zstd or lz4" : "xz or zstd");
    }
    if (out == Output.UKI && !v14() && ini.has(section, "CompressOutput")) {
      notes.add("CompressOutput= compresses the UKI's initrd.");
    }
  }

  private void compressionDegraded(String c, String supported) {
    degraded(
        a().build().origin().at("compression"),
        dialect.reader(ctx.target()) + " cannot compress its output with " + c,
        "mkosi compresses images with " + supported + "; the mkosi tree leaves mkosi's default",
        "use `compression = zstd` or `xz`");
  }

  private void content(boolean rootfs) {
    Appliance a = a();
    OperatingSystem os = a.os();
    LinkedHashSet<String> packages = new LinkedHashSet<>(UnitCommands.imagePackages(a));
    a.boot().kernel().packageName().ifPresent(packages::add);
    ini.list("Content", "Packages", list("Packages", packages, os.origin().at("packages")));
    ini.list(
        "Content",
        "RemovePackages",
        list("RemovePackages", os.removePackages(), os.origin().at("remove-packages")));
    ini.list("Content", "RemoveFiles", list("RemoveFiles", os.strip(), os.origin().at("strip")));
    boolean docs =
        os.strip().stream()
            .anyMatch(s -> s.equals("/usr/share/doc") || s.equals("/usr/share/doc/*"));
    if (docs) {
      ini.set("Content", "WithDocs", "no");
    }
    os.ociImage()
        .ifPresent(
            image -> {
              if (v14()) {
                degraded(
                    os.origin().at("source"),
                    "mkosi 14 cannot start from an OCI image",
                    "mkosi 14 has no base trees; the mkosi tree installs the distribution from"
                        + " its packages instead",
                    "target a release with mkosi 15 or later, or use `source = bootstrap`");
              } else {
                ini.set("Content", "BaseTrees", OCI_TAR);
                notes.add(
                    "The OCI image " + image.path() + " is the base tree: unpack it first, e.g.");
                notes.add(
                    "applc tool oci-unpack --image SPEC_DIR/"
                        + image.path()
                        + image.ref().map(r -> " --ref " + r).orElse("")
                        + " ROOT && tar -C ROOT -cf OUT/mkosi/"
                        + OCI_TAR
                        + " .");
                degraded(
                    os.origin().at("source"),
                    "mkosi cannot read an OCI image; the mkosi tree expects it unpacked to `"
                        + OCI_TAR
                        + "`",
                    "mkosi starts from base trees (folders or tar archives), not from OCI images",
                    "unpack the image (`applc tool oci-unpack`) and tar it next to mkosi.conf"
                        + " before running mkosi");
              }
            });
    String treeKey = v14() ? "ExtraTree" : "ExtraTrees";
    List<String> trees = new ArrayList<>();
    if (rootfs) {
      trees.add("../" + MkosiBackend.ROOTFS);
    }
    for (String overlay : os.overlays()) {
      values
          .value(treeKey, overlay, Shape.TREE, os.origin().at("overlays"), "the overlay")
          .ifPresent(o -> trees.add(spec.path(o)));
    }
    filesPartitions(treeKey, trees);
    ini.list("Content", treeKey, trees);
    values
        .value("Hostname", a.hostname(), Shape.SINGLE, a.origin().at("hostname"), "the host name")
        .ifPresent(h -> ini.set(v14() ? "Output" : "Content", "Hostname", h));
    a.build()
        .sourceDateEpoch()
        .ifPresent(
            t -> {
              if (v14()) {
                notes.add(
                    "mkosi 14 has no SourceDateEpoch=: run it with SOURCE_DATE_EPOCH=" + t + ".");
              } else {
                ini.set("Content", "SourceDateEpoch", Long.toString(t));
              }
            });
    if (a.build().sourceDateFromGit()) {
      notes.add(
          "Reproducible builds take the date of the last commit: run mkosi with"
              + " SOURCE_DATE_EPOCH=\"$(git log -1 --format=%ct)\".");
    }
  }

  /** Folders of files go into the tree at their mount point, where systemd-repart finds them. */
  private void filesPartitions(String treeKey, List<String> trees) {
    for (Partition p : layout.builtPartitions()) {
      if (p.contents().kind() != Contents.Kind.FILES || p.contents().path().isEmpty()) {
        continue;
      }
      Optional<String> mount = p.mount().filter(BuildPartitions.filesMount());
      if (mount.isEmpty()) {
        continue; // BuildPartitions reports it.
      }
      SourceSpan at = p.origin().at("contents");
      if (v14()) {
        degraded(
            at,
            "mkosi 14 cannot put the folder of `" + p.name() + "` into the image",
            "mkosi 14 copies extra trees only onto the root of the image, and makes no `"
                + p.name()
                + "` partition; it is made empty on first boot",
            "target a release with mkosi 15 or later, or fill the partition on the device");
        continue;
      }
      values
          .value(treeKey, p.contents().path().get(), Shape.TREE, at, "the folder")
          .ifPresent(src -> trees.add(spec.path(src) + ":" + mount.get()));
    }
  }

  /** Booting, as mkosi 15 and later say it. */
  private void boot(Output out) {
    Appliance a = a();
    String c = "Content";
    if (out == Output.DISK) {
      if (a.board().firmware() == Board.Firmware.UBOOT) {
        ini.set(c, "Bootable", "no");
        notes.add(
            "u-boot boots this board: mkosi installs no boot loader; applc's boot/ files do.");
      } else {
        ini.set(c, "Bootable", "yes");
        if (a.boot().uki().isPresent()) {
          boolean loader = a.boot().uki().get().bootloader().equals("systemd-boot");
          ini.set(c, "Bootloader", loader ? "systemd-boot" : "uki");
          if (loader) {
            ini.set(c, "UnifiedKernelImages", "yes");
            if (SysupdateOutputs.applies(a)) {
              // mkosi's default is &e-&k, with -&h and +&c appended; systemd-sysupdate knows the
              // image's UKI only by the name its UKI transfer installs new ones under.
              ini.set(c, "UnifiedKernelImageFormat", SysupdateOutputs.UKI_FORMAT);
            }
          }
        } else {
          ini.set(c, "Bootloader", "systemd-boot");
          ini.set(c, "UnifiedKernelImages", "no");
        }
      }
    }
    ini.list(c, "KernelCommandLine", cmdline());
  }

  /** Booting, verity and the image's root as mkosi 14 says them (all in [Output]). */
  private void v14Boot(Optional<Partition> system) {
    Appliance a = a();
    String o = "Output";
    boolean disk = output() == Output.DISK;
    boolean bootable = disk && a.board().firmware().isUefi();
    ini.set(o, "Bootable", bootable ? "yes" : "no");
    if (disk && !bootable) {
      notes.add("u-boot boots this board: mkosi installs no boot loader; applc's boot/ files do.");
    }
    boolean verity = system.map(p -> p.verity().enabled()).orElse(false);
    if (bootable) {
      // mkosi 14 carries the verity root hash to the kernel in a UKI only.
      ini.set(o, "WithUnifiedKernelImages", a.boot().uki().isPresent() || verity ? "yes" : "no");
      if (a.boot().uki().map(u -> u.bootloader().equals("none")).orElse(false)) {
        notes.add(
            "mkosi 14 always installs systemd-boot; the UKI is also on the ESP for the firmware.");
      }
    }
    List<String> cmdline = new ArrayList<>();
    cmdline.add("!*"); // mkosi 14 starts from "rhgb selinux=0 audit=0"; the spec's line only.
    cmdline.addAll(cmdline());
    ini.list(o, "KernelCommandLine", cmdline);
    if (system.isPresent() && disk) {
      Partition p = system.get();
      if (p.verity().enabled()) {
        ini.set(o, "Verity", p.verity().mode() == Partition.Verity.Mode.SIGNED ? "signed" : "yes");
      }
      if (p.type().kind() == PartitionType.Kind.USR) {
        ini.set(o, "UsrOnly", "yes");
      }
    }
  }

  /** The kernel command line: the board's console, then the spec's arguments. */
  private List<String> cmdline() {
    Appliance a = a();
    List<String> args = new ArrayList<>();
    a.board()
        .console()
        .flatMap(
            c ->
                values.value(
                    "KernelCommandLine",
                    "console=" + c,
                    Shape.SPACE_LIST,
                    a.board().origin().at("console"),
                    "the console"))
        .ifPresent(args::add);
    SourceSpan at = a.boot().kernel().origin().at("cmdline");
    for (String arg : a.boot().kernel().cmdline()) {
      values
          .value("KernelCommandLine", arg, Shape.SPACE_LIST, at, "the kernel argument")
          .ifPresent(args::add);
    }
    return args;
  }

  /** Secure Boot and verity signing keys, by reference to the spec's folder. */
  private void secureBoot(Optional<Partition> system) {
    Appliance a = a();
    String section = v14() ? "Output" : "Validation";
    Optional<Key> uki = a.boot().uki().flatMap(u -> u.signKey()).flatMap(name -> a.key(name));
    Optional<Key> verity =
        system
            .filter(p -> p.verity().mode() == Partition.Verity.Mode.SIGNED)
            .flatMap(p -> p.verity().key())
            .flatMap(name -> a.key(name));
    if (uki.isPresent()) {
      ini.set(section, "SecureBoot", "yes");
      keyFiles(section, "SecureBootKey", "SecureBootCertificate", uki.get());
    }
    if (verity.isEmpty()) {
      return;
    }
    if (!v14()) {
      keyFiles(section, "VerityKey", "VerityCertificate", verity.get());
    } else if (uki.isEmpty()) {
      keyFiles(section, "SecureBootKey", "SecureBootCertificate", verity.get());
    } else if (!uki.get().name().equals(verity.get().name())) {
      Partition p = system.orElseThrow();
      degraded(
          p.origin().at("verity"),
          "mkosi 14 signs verity with the Secure Boot key `"
              + uki.get().name()
              + "`, not `"
              + verity.get().name()
              + "`",
          "mkosi 14 has one signing key for the UKI and the verity root hash",
          "sign both with one key, or target a release with mkosi 15 or later");
    }
  }

  private void keyFiles(String section, String keyKey, String certKey, Key key) {
    SourceSpan at = key.origin().span();
    key.privateKey()
        .flatMap(k -> values.value(keyKey, k, Shape.TREE, at, "the key file"))
        .ifPresent(k -> ini.set(section, keyKey, spec.path(k)));
    key.certificate()
        .flatMap(c -> values.value(certKey, c, Shape.TREE, at, "the certificate file"))
        .ifPresent(c -> ini.set(section, certKey, spec.path(c)));
  }

  /** mkosi 14's own partition sizes: the ESP and a root it does not size itself. */
  private void v14Partitions(Optional<Partition> system) {
    if (output() != Output.DISK) {
      return;
    }
    layout.builtPartitions().stream()
        .filter(p -> p.type().kind() == PartitionType.Kind.ESP)
        .findFirst()
        .ifPresent(p -> ini.set("Partitions", "ESPSize", Long.toString(p.size().bytes())));
    system
        .filter(p -> !layout.format(p).readOnlyByNature())
        .ifPresent(p -> ini.set("Partitions", "RootSize", Long.toString(p.size().bytes())));
    notes.add(
        "mkosi 14 partitions the image itself: the ESP, the OS and its verity; the other"
            + " partitions are made on first boot from /usr/lib/repart.d. mkosi.repart/ has the"
            + " same layout for systemd-repart and mkosi 15 or later.");
  }

  private List<String> list(String key, Iterable<String> items, SourceSpan span) {
    List<String> out = new ArrayList<>();
    for (String item : items) {
      values.value(key, item, Shape.COMMA_LIST, span, "the item").ifPresent(out::add);
    }
    return out;
  }

  private void degraded(SourceSpan span, String message, String note, String help) {
    ctx.diagnostics()
        .add(
            Diagnostic.error(Code.TARGET_DEGRADED, span, message)
                .label("asked here")
                .note(note)
                .help(help));
  }
}
