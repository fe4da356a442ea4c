package dev.applc.backends.repart;

import dev.applc.backends.escape.Escape;
import dev.applc.backends.template.Templates;
import dev.applc.compiler.backend.Backend;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.Partition.Filesystem;
import dev.applc.compiler.model.UpdatePolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code repart.d} definitions for the appliance's first boot ({@code rootfs/usr/lib/repart.d/}):
 * one file per partition, in disk order, so that systemd-repart pairs them with the partitions the
 * image has, creates what the image leaves to first boot (encrypted partitions, which need the
 * device's TPM) and grows what grows.
 */
public final class RepartBackend implements Backend {
  /** Where the device definitions go in the image. */
  public static final String DEVICE_DIR = "rootfs/usr/lib/repart.d";

  /** The label systemd-sysupdate looks for in a free slot. */
  public static final String EMPTY_LABEL = "_empty";

  @Override
  public String id() {
    return "repart";
  }

  @Override
  public void generate(BackendContext ctx) {
    Appliance a = ctx.appliance();
    if (a.os().rootInInitrd()) {
      // No systemd-repart makes this disk: the OS in the initrd may not run systemd.
      DataDiskScript.generate(ctx);
      return;
    }
    List<Partition> parts = a.disk().partitions();
    int width = parts.size() > 10 ? 3 : 2;
    for (int i = 0; i < parts.size(); i++) {
      Partition p = parts.get(i);
      String name = String.format(Locale.ROOT, "%0" + width + "d-%s.conf", i * 10, p.id());
      ctx.out()
          .add(
              DEVICE_DIR + "/" + name,
              Templates.render("repart/partition.conf.ftl", device(ctx, p)),
              OutputTree.MODE_FILE,
              List.of(p.origin().span()));
    }
  }

  /** Whether a partition is a free slot that systemd-sysupdate fills: labelled `_empty`. */
  public static boolean isFreeSysupdateSlot(Appliance a, Partition p) {
    boolean sysupdate =
        a.update().map(u -> u.method() == UpdatePolicy.Method.SYSUPDATE).orElse(false);
    return sysupdate && p.slot().isPresent() && !p.slot().get().equals(a.disk().slotNames().get(0));
  }

  private static Map<String, Object> device(BackendContext ctx, Partition p) {
    Appliance a = ctx.appliance();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("id", p.id());
    p.slot().ifPresent(s -> m.put("slot", s));
    m.put("purpose", "device (first boot)");
    m.put("type", p.type().idFor(a.board().arch()));
    boolean free = isFreeSysupdateSlot(a, p);
    m.put("label", free ? EMPTY_LABEL : Escape.specifiers(p.label()));
    m.put("noAuto", p.slot().isPresent() && !p.slot().get().equals(a.disk().slotNames().get(0)));
    // Format= only acts when repart creates a partition: writable ones made on first boot.
    if (writable(p.format())) {
      m.put("format", p.format().id());
    }
    List<String> copyFiles = new ArrayList<>();
    if (a.os().factoryEtc() && p.encryption().isPresent() && p.type().kind().isVerityData()) {
      copyFiles.add("/usr/share/factory/etc:/etc");
    }
    m.put("copyFiles", copyFiles);
    if (p.size().grow()) {
      m.put("sizeMin", p.size().bytes());
    } else {
      m.put("sizeMin", p.size().bytes());
      m.put("sizeMax", p.size().bytes());
    }
    m.put(
        "readOnly",
        p.readOnly() && !p.type().kind().isVerityHash() && !p.type().kind().isVeritySignature());
    m.put("growFileSystem", p.growFilesystem());
    p.encryption().ifPresent(e -> m.put("encrypt", encrypt(e)));
    m.put("factoryReset", p.factoryReset());
    if (!p.subvolumes().isEmpty()) {
      if (ctx.target().systemd() >= 255) {
        m.put(
            "subvolumes",
            String.join(" ", p.subvolumes().stream().map(s -> "/" + s.name()).toList()));
      } else {
        ctx.diagnostics()
            .add(
                Diagnostic.error(
                        Code.TARGET_DEGRADED,
                        p.origin().header(),
                        "systemd-repart "
                            + ctx.target().systemd()
                            + " cannot create btrfs subvolumes on first boot")
                    .label("subvolumes of `" + p.name() + "`")
                    .note(
                        "`Subvolumes=` needs systemd 255; the build creates them in the image"
                            + " instead, but a partition made on first boot gets none")
                    .help(
                        "target a release with systemd 255 or later, such as trixie, or let"
                            + " the build create the partition"));
      }
    }
    return m;
  }

  private static boolean writable(Filesystem f) {
    return switch (f) {
      case VFAT, EXT4, BTRFS, XFS, SWAP -> true;
      default -> false;
    };
  }

  /** repart's {@code Encrypt=} for the ways a LUKS2 volume unlocks. */
  static String encrypt(Partition.Encryption e) {
    boolean tpm = e.unlock().contains("tpm2");
    boolean keyFile = e.unlock().contains("key-file") || e.unlock().contains("passphrase");
    if (tpm && keyFile) {
      return "key-file+tpm2";
    }
    return tpm ? "tpm2" : "key-file";
  }
}
