package dev.applc.backends.phases;

import dev.applc.backends.escape.Escape;
import dev.applc.backends.kernel.KernelBackend;
import dev.applc.backends.rauc.BundleImages;
import dev.applc.backends.sysupdate.Artifacts;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Board;
import dev.applc.compiler.model.Boot;
import dev.applc.compiler.model.Disk;
import dev.applc.compiler.model.EffectiveBoot;
import dev.applc.compiler.model.Key;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.Partition.Contents.Kind;
import dev.applc.compiler.model.UpdatePolicy;
import dev.applc.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Decides which phases a spec's build has and renders each one's script. */
final class Pipeline {
  private final PhaseContext c;
  private final BackendContext ctx;
  private final Appliance a;
  private final Layout layout;
  private final List<Phase> phases = new ArrayList<>();

  Pipeline(BackendContext ctx) {
    this.c = PhaseContext.of(ctx);
    this.ctx = ctx;
    this.a = ctx.appliance();
    this.layout = c.layout();
  }

  List<Phase> phases() {
    phases.clear();
    BootstrapPhase.build(c).ifPresent(phases::add);
    PackagesPhase.build(c).ifPresent(phases::add);
    FilesPhase.build(c).ifPresent(phases::add);
    ConfigurePhase.build(c).ifPresent(phases::add);
    StripPhase.build(c).ifPresent(phases::add);
    boolean images = wants("disk") || wants("raucb") || wants("sysupdate");
    InitrdPhase.build(c).ifPresent(phases::add);
    if (images) {
      ImagesPhase.build(c).ifPresent(phases::add);
      VerityPhase.build(c).ifPresent(phases::add);
    }
    if (a.board().firmware().isUefi()) {
      uki();
    }
    if (wants("disk")) {
      esp();
      disk();
    }
    bundle();
    return List.copyOf(phases);
  }

  private boolean wants(String format) {
    return a.build().formats().contains(format);
  }

  // ---------------------------------------------------------------- images

  private void uki() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("efiArch", a.board().arch().efiSuffix());
    m.put("hashes", RootHashes.of(c));
    List<Map<String, Object>> ukis = Ukis.of(c);
    m.put("ukis", ukis);
    List<Phase.Input> inputs = new ArrayList<>();
    inputs.add(new Phase.Input(Phase.Root.CONFIG, KernelBackend.DIR));
    inputs.addAll(PhaseKeys.inputs(PhaseKeys.secureBoot(a)));
    List<SourceSpan> origins = new ArrayList<>();
    origins.add(a.boot().kernel().origin().span());
    a.boot().uki().ifPresent(u -> origins.add(u.origin().span()));
    List<String> notes = new ArrayList<>();
    notes.add("Without ukify: objcopy adds the sections to systemd's EFI stub.");
    List<String> artifacts =
        new ArrayList<>(ukis.stream().map(u -> (String) u.get("path")).toList());
    if (PhaseKeys.secureBoot(a).isPresent()) {
      notes.add("Signed for Secure Boot with sbsign.");
      m.put("cert", Escape.shell(PhaseKeys.secureBoot(a).get().certificate().orElseThrow()));
      m.put("publishedCert", Escape.shell(PhaseKeys.SECURE_BOOT_CERTIFICATE));
      artifacts.add(PhaseKeys.SECURE_BOOT_CERTIFICATE);
    }
    add(
        "70-uki",
        "the unified kernel image: EFI stub, os-release, command line, initrd and kernel.",
        notes,
        "uki",
        m,
        inputs,
        artifacts,
        false,
        origins);
  }

  private void esp() {
    Optional<Partition> esp =
        layout.partitions().stream()
            .filter(p -> p.contents().kind() == Kind.BOOT && layout.firstSlot(p))
            .findFirst();
    if (esp.isEmpty()) {
      return;
    }
    Partition p = esp.get();
    Map<String, Object> m = new LinkedHashMap<>();
    Board board = a.board();
    if (board.firmware() != Board.Firmware.UEFI) {
      m.put(
          "fail",
          Escape.shell(
              "the boot partition of a "
                  + board.firmware().id()
                  + " board needs the board's firmware files (and a boot script for u-boot), which"
                  + " applc build does not add yet; only UEFI boards get a built ESP"));
    }
    m.put("efiArch", board.arch().efiSuffix());
    m.put("efiArchUpper", board.arch().efiSuffix().toUpperCase(Locale.ROOT));
    String bootloader = EffectiveBoot.uki(a).map(Boot.Uki::bootloader).orElse("systemd-boot");
    m.put("bootloader", bootloader.equals("none") ? "none" : "systemd-boot");
    List<Map<String, Object>> ukis = Ukis.of(c);
    m.put("ukis", ukis);
    PhaseKeys.secureBoot(a)
        .ifPresent(
            k -> {
              m.put("key", Escape.shell(k.privateKey().orElseThrow()));
              m.put("cert", Escape.shell(k.certificate().orElseThrow()));
            });
    List<String> loaderConf = new ArrayList<>(List.of("timeout 0", "editor no"));
    if (ukis.size() > 1) {
      // systemd-boot would start the UKI that sorts last, slot B's, whose partitions are empty
      // on a new disk: the first slot is the default until an update changes it.
      loaderConf.add("default " + ukis.get(0).get("plainName"));
    }
    m.put("loaderConf", String.join(" ", loaderConf.stream().map(Escape::shell).toList()));
    m.put("file", Escape.shell(layout.imageFile(p)));
    m.put("size", p.allocated());
    m.put("label", Escape.shell(FileSystemLabels.fat(p.label())));
    m.put("volumeId", Escape.shell(layout.uuid(p.name()).toString().substring(0, 8)));
    add(
        "75-esp",
        "the EFI system partition, filled with mtools: boot loader, UKI, loader.conf.",
        List.of(),
        "esp",
        m,
        PhaseKeys.inputs(PhaseKeys.secureBoot(a)),
        List.of(),
        false,
        List.of(p.origin().span()));
  }

  /** The sector size of the partition table the build writes. */
  private static final long SECTOR = 512;

  private void disk() {
    List<Map<String, Object>> rows = new ArrayList<>();
    List<Phase.Input> inputs = new ArrayList<>();
    int n = 0;
    List<Partition> onDisk = layout.partitions().stream().filter(layout::onDisk).toList();
    for (int i = 0; i < onDisk.size(); i++) {
      Partition p = onDisk.get(i);
      List<String> lines = new ArrayList<>();
      lines.add(Escape.shell("Type=" + p.typeGuid()));
      lines.add(Escape.shell("Label=" + layout.diskLabel(p).replace("%", "%%")));
      boolean filled = layout.filled(p);
      Optional<String> uuidVar = Optional.empty();
      if (filled && p.contents().kind() == Kind.VERITY && !p.type().kind().isVeritySignature()) {
        uuidVar = Optional.of("$" + Layout.var(layout.dataOf(p).name()) + "_hash_uuid");
      } else if (filled && p.verity().enabled() && layout.hasHash(p)) {
        uuidVar = Optional.of("$" + Layout.var(p.name()) + "_data_uuid");
      }
      if (uuidVar.isPresent()) {
        lines.add("\"UUID=" + uuidVar.get() + "\"");
      } else if (filled) {
        lines.add(Escape.shell("UUID=" + layout.uuid("partition:" + p.name())));
      }
      lines.add(Escape.shell("SizeMinBytes=" + p.allocated()));
      lines.add(Escape.shell("SizeMaxBytes=" + p.allocated()));
      // systemd-repart places a partition right after the one before (4K grain), while the model
      // starts each on its own 1M boundary (and leaves room for partitions made on the device):
      // padding after a partition puts the next one where `applc show` says it is.
      if (i + 1 < onDisk.size()) {
        long gap = onDisk.get(i + 1).offset() - p.end();
        if (gap > 0) {
          lines.add(Escape.shell("PaddingMinBytes=" + gap));
          lines.add(Escape.shell("PaddingMaxBytes=" + gap));
        }
      }
      if (p.readOnly()) {
        lines.add(Escape.shell("ReadOnly=yes"));
      }
      if (p.slot().isPresent() && !layout.firstSlot(p)) {
        lines.add(Escape.shell("NoAuto=yes"));
      }
      if (filled) {
        if (p.contents().kind() == Kind.COPY) {
          String path = p.contents().path().orElse("");
          lines.add("\"CopyBlocks=$SPEC_DIR/\"" + Escape.shell(path));
          inputs.add(new Phase.Input(Phase.Root.SPEC, path));
        } else if (p.contents().kind() == Kind.VERITY
            && p.type().kind().isVeritySignature()
            && !PhaseKeys.signsVerity(a, layout.dataOf(p))) {
          // no key to sign with: the signature partition stays blank
        } else {
          lines.add("\"CopyBlocks=$WORK/\"" + Escape.shell(layout.imageFile(p)));
        }
      }
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("file", Escape.shell(String.format(Locale.ROOT, "%02d-%s.conf", n * 10, p.id())));
      r.put("lines", lines);
      rows.add(r);
      n++;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hashes", RootHashes.of(c));
    m.put("partitions", rows);
    m.put("seed", layout.seed().toString());
    m.put("disk", Escape.shell(layout.diskFile()));
    // systemd-repart starts at the first 1M boundary of a new partition table; a disk that starts
    // later (after a u-boot environment) gets an empty table whose first usable sector is there.
    if (!onDisk.isEmpty() && onDisk.get(0).offset() != Disk.ALIGNMENT) {
      long end = onDisk.get(onDisk.size() - 1).end();
      m.put("firstLba", onDisk.get(0).offset() / SECTOR);
      m.put("start", onDisk.get(0).offset());
      m.put("size", (end + Disk.ALIGNMENT - 1) / Disk.ALIGNMENT * Disk.ALIGNMENT + Disk.BACKUP_GPT);
      m.put("labelId", layout.uuid("disk").toString());
    }
    add(
        "80-disk",
        "the GPT disk image, laid out by systemd-repart from the images.",
        List.of(
            "Later slots are left blank for updates; encrypted partitions are created by"
                + " systemd-repart on the device."),
        "disk",
        m,
        inputs,
        List.of(layout.diskFile()),
        false,
        List.of(a.disk().origin().span()));
  }

  private void bundle() {
    Optional<UpdatePolicy> update = a.update();
    if (update.isEmpty()) {
      return;
    }
    UpdatePolicy u = update.get();
    boolean rauc = u.method() == UpdatePolicy.Method.RAUC && wants("raucb");
    boolean sysupdate = u.method() == UpdatePolicy.Method.SYSUPDATE && wants("sysupdate");
    if (!rauc && !sysupdate) {
      return;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rauc", rauc);
    m.put("sysupdate", sysupdate);
    m.put("hashes", RootHashes.of(c));
    List<Phase.Input> inputs = new ArrayList<>();
    List<String> artifacts = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    m.put("casync", false);
    if (rauc) {
      inputs.add(new Phase.Input(Phase.Root.CONFIG, "bundle"));
      List<Map<String, Object>> images = new ArrayList<>();
      LinkedHashSet<String> seen = new LinkedHashSet<>();
      for (Partition p : layout.partitions()) {
        if (!p.slot().isPresent() || !layout.filled(p) || p.contents().kind() == Kind.COPY) {
          continue;
        }
        String name = BundleImages.fileName(p);
        if (seen.add(name)) {
          images.add(Map.of("file", Escape.shell(layout.imageFile(p)), "name", Escape.shell(name)));
        }
      }
      m.put("images", images);
      String output = Layout.IMAGES + "/" + BundleImages.bundleFileName(a);
      m.put("output", Escape.shell(output));
      artifacts.add(output);
      Optional<Key> key =
          u.signingKey()
              .flatMap(a::key)
              .filter(k -> k.privateKey().isPresent() && k.certificate().isPresent());
      if (key.isPresent()) {
        m.put("key", Escape.shell(key.get().privateKey().get()));
        m.put("cert", Escape.shell(key.get().certificate().get()));
        inputs.addAll(PhaseKeys.inputs(key));
      } else {
        m.put("key", Escape.shell("rauc.key.pem"));
        m.put("cert", Escape.shell("rauc.cert.pem"));
        notes.add("The spec names no signing key: KEYS must hold rauc.key.pem and rauc.cert.pem.");
      }
      Optional<String> keyring = PhaseKeys.raucKeyring(a);
      if (u.delta().equals("casync") && keyring.isPresent()) {
        String base = Layout.IMAGES + "/" + BundleImages.casyncBundleBase(a);
        m.put("casync", true);
        m.put("keyring", Escape.shell(keyring.get()));
        m.put("casyncBundle", Escape.shell(base + ".raucb"));
        m.put("casyncStore", Escape.shell(base + ".castr"));
        inputs.add(new Phase.Input(Phase.Root.KEYS, keyring.get()));
        artifacts.add(base + ".raucb");
        artifacts.add(base + ".castr");
      }
    }
    if (sysupdate) {
      Artifacts names = Artifacts.of(a);
      String dir = Layout.IMAGES + "/sysupdate";
      m.put("updateDir", Escape.shell(dir));
      List<Map<String, Object>> files = new ArrayList<>();
      String compress = Compression.compressor(a.build().compression());
      for (Partition p : layout.partitions()) {
        if (!p.slot().isPresent() || !layout.filled(p) || p.contents().kind() == Kind.COPY) {
          continue;
        }
        String uuidWord;
        if (p.contents().kind() == Kind.VERITY && !p.type().kind().isVeritySignature()) {
          uuidWord = "\"$" + Layout.var(layout.dataOf(p).name()) + "_hash_uuid\"";
        } else if (p.verity().enabled() && layout.hasHash(p)) {
          uuidWord = "\"$" + Layout.var(p.name()) + "_data_uuid\"";
        } else {
          uuidWord = Escape.shell(layout.uuid("partition:" + p.name()).toString());
        }
        String name = names.partitionFile(p, a.version(), "\u0001");
        int at = name.indexOf('\u0001');
        files.add(
            Map.of(
                "file",
                Escape.shell(layout.imageFile(p)),
                "name",
                Escape.shell(name.substring(0, at))
                    + uuidWord
                    + Escape.shell(name.substring(at + 1)),
                "compress",
                compress));
      }
      for (Map<String, Object> uki :
          a.board().firmware().isUefi() ? Ukis.of(c) : List.<Map<String, Object>>of()) {
        files.add(
            Map.of(
                "file", uki.get("file"),
                "name", Escape.shell(names.ukiFile(a.version())),
                "compress", compress));
        break;
      }
      m.put("artifacts", files);
      artifacts.add(dir);
      notes.add("SHA256SUMS.gpg is not made: sign SHA256SUMS with the release key yourself.");
    }
    add(
        "90-bundle",
        "the update artifacts: "
            + (rauc ? "a signed RAUC bundle" : "systemd-sysupdate files")
            + ".",
        notes,
        "bundle",
        m,
        inputs,
        artifacts,
        false,
        List.of(u.origin().span()));
  }

  // ---------------------------------------------------------------- rendering

  private void add(
      String id,
      String purpose,
      List<String> notes,
      String template,
      Map<String, Object> model,
      List<Phase.Input> inputs,
      List<String> artifacts,
      boolean checkpoint,
      List<SourceSpan> origins) {
    phases.add(
        PhaseScript.render(
            ctx, id, purpose, notes, template, model, inputs, artifacts, checkpoint, origins));
  }
}
