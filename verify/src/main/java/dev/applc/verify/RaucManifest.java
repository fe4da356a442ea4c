package dev.applc.verify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A RAUC manifest ({@code manifest.raucm}), read as RAUC's key files are: sections of {@code
 * key=value} lines, comments starting with {@code #}.
 */
record RaucManifest(Map<String, Map<String, String>> sections) {

  static RaucManifest parse(String text) {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    Map<String, String> current = null;
    for (String raw : text.lines().toList()) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        current = new LinkedHashMap<>();
        sections.put(line.substring(1, line.length() - 1), current);
      } else if (current != null && line.contains("=")) {
        int eq = line.indexOf('=');
        current.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    return new RaucManifest(sections);
  }

  String get(String section, String key) {
    return sections.getOrDefault(section, Map.of()).getOrDefault(key, "");
  }

  /** The images by slot class, in manifest order. */
  List<String> slotClasses() {
    List<String> classes = new ArrayList<>();
    sections.keySet().stream()
        .filter(s -> s.startsWith("image."))
        .forEach(s -> classes.add(s.substring("image.".length())));
    return classes;
  }

  /** A list value as RAUC splits it: on semicolons and spaces. */
  static List<String> list(String value) {
    List<String> items = new ArrayList<>();
    for (String s : value.split("[;\\s]+")) {
      if (!s.isEmpty()) {
        items.add(s);
      }
    }
    return items;
  }
}
