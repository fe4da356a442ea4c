package dev.applc.backends.phases;

import dev.applc.backends.escape.Escape;
import dev.applc.backends.rauc.BundleImages;
import dev.applc.backends.rauc.RaucBootloader;
import dev.applc.backends.rauc.SystemdBootSlots;
import dev.applc.backends.sysupdate.Artifacts;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Key;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.UpdatePolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code 90-bundle}: the update artifacts, a signed RAUC bundle (and its casync variant) or the
 * systemd-sysupdate files; left out when the spec has no update or does not build its format.
 */
final class BundlePhase {
  private BundlePhase() {}

  static Optional<Phase> build(PhaseContext c) {
    Appliance a = c.appliance();
    Layout layout = c.layout();
    Optional<UpdatePolicy> update = a.update();
    if (update.isEmpty()) {
      return Optional.empty();
    }
    UpdatePolicy u = update.get();
    boolean rauc = u.method() == UpdatePolicy.Method.RAUC && c.wants("raucb");
    boolean sysupdate = u.method() == UpdatePolicy.Method.SYSUPDATE && c.wants("sysupdate");
    if (!rauc && !sysupdate) {
      return Optional.empty();
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
        if (!layout.published(p)) {
          continue;
        }
        String name = BundleImages.fileName(p);
        if (seen.add(name)) {
          images.add(Map.of("file", Escape.shell(layout.imageFile(p)), "name", Escape.shell(name)));
        }
      }
      if (RaucBootloader.of(a) == RaucBootloader.CUSTOM) {
        // The kernel images that go with the bundle's root, one per slot, for its hook.
        for (Map<String, Object> uki : Ukis.of(c)) {
          String slot = (String) uki.get("slot");
          if (!slot.isEmpty()) {
            images.add(
                Map.of(
                    "file", uki.get("file"),
                    "name", Escape.shell(SystemdBootSlots.ukiInBundle(slot))));
          }
        }
        m.put("hook", Escape.shell(SystemdBootSlots.HOOK));
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
      String compress = Compression.compressor(Artifacts.compression(a));
      for (Partition p : layout.partitions()) {
        if (!layout.published(p)) {
          continue;
        }
        String uuidWord =
            layout
                .rootHashUuid(p)
                .map(v -> "\"" + v + "\"")
                .orElseGet(() -> Escape.shell(layout.uuid("partition:" + p.name()).toString()));
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
      Optional<Key> signer = PhaseKeys.sysupdateSigner(a);
      if (signer.isPresent()) {
        m.put("signingKey", Escape.shell(signer.get().privateKey().get()));
        inputs.addAll(PhaseKeys.inputs(signer));
        notes.add(
            "SHA256SUMS.gpg is signed with the OpenPGP key `"
                + signer.get().name()
                + "`; the device checks it against "
                + PhaseKeys.SYSUPDATE_KEYRING
                + ".");
      } else {
        notes.add(
            "No signing-key: SHA256SUMS.gpg is not made, and the device's sysupdate refuses"
                + " unsigned versions.");
      }
    }
    return Optional.of(
        PhaseScript.render(
            c.ctx(),
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
            List.of(u.origin().span())));
  }
}
