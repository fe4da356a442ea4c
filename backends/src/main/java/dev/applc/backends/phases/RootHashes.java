package dev.applc.backends.phases;

import dev.applc.backends.escape.Escape;
import dev.applc.compiler.model.Partition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The root hashes the kernel command line and the disk need, as shell variables: the UKI, disk and
 * bundle phases read them from the files the verity phase wrote.
 */
final class RootHashes {
  private RootHashes() {}

  static List<Map<String, Object>> of(PhaseContext c) {
    List<Map<String, Object>> hashes = new ArrayList<>();
    if (!c.makesImages()) {
      return hashes;
    }
    Layout layout = c.layout();
    for (Partition data : layout.verityData().toList()) {
      if (layout.derived(data, false).isEmpty()) {
        continue;
      }
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("partition", "`" + data.id() + "`");
      h.put("var", Layout.var(data.name()));
      h.put("token", data.type().kind().name()); // ROOT or USR, as in @ROOTHASH@
      h.put("roothash", Escape.shell(Layout.rootHashFile(data)));
      h.put("signed", layout.derived(data, true).isPresent());
      hashes.add(h);
    }
    return hashes;
  }
}
