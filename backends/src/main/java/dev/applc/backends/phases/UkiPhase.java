package dev.applc.backends.phases;

import dev.applc.backends.escape.Escape;
import dev.applc.backends.kernel.KernelBackend;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code 70-uki}: the unified kernel images (EFI stub, os-release, command line, initrd, kernel),
 * signed for Secure Boot when the spec names a key. UEFI boards only.
 */
final class UkiPhase {
  private UkiPhase() {}

  static Optional<Phase> build(PhaseContext c) {
    Appliance a = c.appliance();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("efiArch", a.board().arch().efiSuffix());
    m.put("hashes", RootHashes.of(c));
    List<Map<String, Object>> ukis = Ukis.of(c);
    m.put("ukis", ukis);
    if (a.os().rootInInitrd()) {
      m.put("stubDir", InitramfsRoot.STUB_DIR);
      SizeBudget.put(a, m);
    }
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
    return Optional.of(
        PhaseScript.render(
            c.ctx(),
            "70-uki",
            "the unified kernel image: EFI stub, os-release, command line, initrd and kernel.",
            notes,
            "uki",
            m,
            inputs,
            artifacts,
            false,
            origins));
  }
}
