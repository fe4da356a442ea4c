package dev.applc.backends.phases;

import dev.applc.backends.escape.Escape;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Key;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code 65-verity}: dm-verity hash trees, root hashes and, where the data partition's key has both
 * halves, root hash signatures.
 */
final class VerityPhase {
  private VerityPhase() {}

  static Optional<Phase> build(PhaseContext c) {
    Appliance a = c.appliance();
    Layout layout = c.layout();
    List<Map<String, Object>> entries = new ArrayList<>();
    List<String> artifacts = new ArrayList<>();
    List<Phase.Input> inputs = new ArrayList<>();
    List<SourceSpan> origins = new ArrayList<>();
    for (Partition data : layout.verityData().toList()) {
      Optional<Partition> hash = layout.derived(data, false);
      if (hash.isEmpty()) {
        continue;
      }
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("partition", "`" + data.id() + "`");
      e.put("partitionWord", Escape.shell(data.id()));
      e.put("data", Escape.shell(layout.imageFile(data)));
      e.put("hash", Escape.shell(layout.imageFile(hash.get())));
      e.put("roothash", Escape.shell(Layout.rootHashFile(data)));
      e.put("salt", layout.salt(data.name()));
      e.put("uuid", layout.uuid(data.name() + "-verity").toString());
      e.put("hashMax", hash.get().allocated());
      artifacts.add(layout.imageFile(hash.get()));
      artifacts.add(Layout.rootHashFile(data));
      Optional<Partition> sig = layout.derived(data, true);
      Optional<Key> key = data.verity().key().flatMap(a::key);
      if (sig.isPresent()
          && key.isPresent()
          && key.get().privateKey().isPresent()
          && key.get().certificate().isPresent()) {
        e.put("sig", Escape.shell(layout.imageFile(sig.get())));
        e.put("key", Escape.shell(key.get().privateKey().get()));
        e.put("cert", Escape.shell(key.get().certificate().get()));
        inputs.add(new Phase.Input(Phase.Root.KEYS, key.get().privateKey().get()));
        inputs.add(new Phase.Input(Phase.Root.KEYS, key.get().certificate().get()));
        artifacts.add(layout.imageFile(sig.get()));
      }
      entries.add(e);
      origins.add(data.origin().at("verity"));
    }
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("entries", entries);
    return Optional.of(
        PhaseScript.render(
            c.ctx(),
            "65-verity",
            "dm-verity hash trees, root hashes and signatures.",
            List.of(),
            "verity",
            m,
            inputs,
            artifacts,
            false,
            origins));
  }
}
