package dev.applc.compiler.sema;

import dev.applc.compiler.model.Content;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The units an {@code enable} list turns on, with the spec's own units that say where they belong:
 * a unit with {@code wanted-by} is enabled, as {@code systemctl enable} would do with its {@code
 * [Install]} section. Writing {@code wanted-by} and then finding the unit never started is a trap
 * no one walks into on purpose.
 */
final class InstalledUnits {
  private InstalledUnits() {}

  static List<String> enabled(List<String> enable, List<Content.UnitDefinition> units) {
    LinkedHashSet<String> out = new LinkedHashSet<>(enable);
    for (Content.UnitDefinition u : units) {
      if (!u.wantedBy().isEmpty()) {
        out.add(u.name());
      }
    }
    return List.copyOf(out);
  }
}
