package dev.applc.backends.systemd;

import dev.applc.backends.template.Templates;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes {@code /etc/fstab} and {@code /etc/crypttab} from the lines {@link Mounts} computes. */
final class MountTables {
  private MountTables() {}

  /** The first systemd whose crypttab unlocks with a TPM2 ({@code tpm2-device=}). */
  static final int TPM2_SINCE = 248;

  /**
   * Writes fstab, if a partition is mounted; returns whether it did.
   *
   * @param systemd whether systemd reads the table, so that {@code x-systemd.*} options apply
   */
  static boolean fstab(BackendContext ctx, boolean systemd) {
    Appliance a = ctx.appliance();
    List<Mounts.Mount> mounts = Mounts.mounts(a, systemd);
    if (mounts.isEmpty()) {
      return false;
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Mounts.Mount mt : mounts) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("device", mt.device());
      r.put("where", mt.where());
      r.put("type", mt.type());
      r.put("options", mt.options());
      r.put("pass", mt.pass());
      rows.add(r);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("appliance", a.name());
    m.put("mounts", rows);
    ctx.out()
        .add(
            SystemdBackend.FSTAB,
            Templates.render("systemd/fstab.ftl", m),
            OutputTree.MODE_FILE,
            spans(a, true));
    return true;
  }

  /** Writes crypttab, if a partition is encrypted; returns whether it did. */
  static boolean crypttab(BackendContext ctx) {
    Appliance a = ctx.appliance();
    if (ctx.target().systemd() < TPM2_SINCE) {
      for (Partition p : a.disk().partitions()) {
        if (p.encryption().map(e -> e.unlock().contains("tpm2")).orElse(false)) {
          ctx.diagnostics()
              .add(
                  Diagnostic.error(
                          Code.TARGET_UNSUPPORTED,
                          p.origin().header(),
                          "systemd "
                              + ctx.target().systemd()
                              + " cannot unlock `"
                              + p.name()
                              + "` with the TPM2")
                      .label("unlocked with `tpm2`")
                      .note("crypttab's `tpm2-device=` needs systemd " + TPM2_SINCE)
                      .help("target a release with a newer systemd, or unlock with a passphrase"));
        }
      }
    }
    List<Mounts.Volume> volumes = Mounts.volumes(a);
    if (volumes.isEmpty()) {
      return false;
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Mounts.Volume v : volumes) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("name", v.name());
      r.put("device", v.device());
      r.put("key", v.key());
      r.put("options", v.options());
      r.put("remark", v.remark());
      rows.add(r);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("appliance", a.name());
    m.put("volumes", rows);
    ctx.out()
        .add(
            SystemdBackend.CRYPTTAB,
            Templates.render("systemd/crypttab.ftl", m),
            OutputTree.MODE_FILE,
            spans(a, false));
    return true;
  }

  /** The spans of the partitions a table lists: mounted ones, or encrypted ones. */
  private static List<SourceSpan> spans(Appliance a, boolean mounted) {
    List<SourceSpan> out = new ArrayList<>();
    for (Partition p : a.disk().partitions()) {
      boolean listed =
          mounted
              ? p.slot().isEmpty()
                  && (p.mount().isPresent()
                      || p.subvolumes().stream().anyMatch(s -> s.mount().isPresent()))
              : p.encryption().isPresent();
      if (listed && p.derivedFrom().isEmpty()) {
        out.add(p.origin().span());
      }
    }
    return out;
  }
}
