package dev.applc.backends.systemd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A unit file read back: for each section, each key's values in order; list settings ({@code
 * After=a b}) split into their unit names.
 */
record UnitFile(Map<String, Map<String, List<String>>> sections) {
  private static final Pattern BLANKS = Pattern.compile("\\s+");

  static UnitFile parse(String text) {
    Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
    Map<String, List<String>> current = null;
    for (String line : text.lines().toList()) {
      if (line.isBlank() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        current = new LinkedHashMap<>();
        sections.put(line.substring(1, line.length() - 1), current);
        continue;
      }
      int eq = line.indexOf('=');
      if (current == null || eq < 0) {
        throw new AssertionError("not a unit file line: " + line);
      }
      current
          .computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>())
          .add(line.substring(eq + 1));
    }
    return new UnitFile(sections);
  }

  /** All values of a key, one per line. */
  List<String> values(String section, String key) {
    return sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
  }

  /** The one value of a key. */
  String value(String section, String key) {
    List<String> v = values(section, key);
    if (v.size() != 1) {
      throw new AssertionError(section + "/" + key + " has " + v.size() + " values");
    }
    return v.get(0);
  }

  /** A dependency setting's unit names over all its lines. */
  List<String> units(String section, String key) {
    List<String> out = new ArrayList<>();
    for (String v : values(section, key)) {
      BLANKS.splitAsStream(v.trim()).filter(s -> !s.isEmpty()).forEach(out::add);
    }
    return out;
  }
}
