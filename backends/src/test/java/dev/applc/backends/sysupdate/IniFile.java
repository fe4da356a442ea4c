package dev.applc.backends.sysupdate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small reader for systemd's INI dialect, written independently of the backends so that tests
 * read generated files the way systemd does: {@code [Section]} headers, {@code Key=Value} lines
 * (blanks around both trimmed, a key may repeat), comments starting with {@code #} or {@code ;},
 * and a trailing backslash continuing a line on the next one.
 */
final class IniFile {
  private final Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();

  private IniFile() {}

  static IniFile parse(String text) {
    IniFile ini = new IniFile();
    Map<String, List<String>> current = null;
    StringBuilder pending = null;
    for (String raw : text.split("\n", -1)) {
      String line = pending == null ? raw.strip() : pending + " " + raw.strip();
      pending = null;
      if (line.endsWith("\\")) {
        pending = new StringBuilder(line.substring(0, line.length() - 1).strip());
        continue;
      }
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        current =
            ini.sections.computeIfAbsent(
                line.substring(1, line.length() - 1), k -> new LinkedHashMap<>());
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0 || current == null) {
        throw new IllegalArgumentException("not a key in a section: " + line);
      }
      current
          .computeIfAbsent(line.substring(0, eq).strip(), k -> new ArrayList<>())
          .add(line.substring(eq + 1).strip());
    }
    if (pending != null) {
      throw new IllegalArgumentException("continuation at the end of the file");
    }
    return ini;
  }

  List<String> sections() {
    return List.copyOf(sections.keySet());
  }

  Map<String, List<String>> section(String name) {
    return sections.getOrDefault(name, Map.of());
  }

  /** Every value of a key, in order. */
  List<String> all(String section, String key) {
    return section(section).getOrDefault(key, List.of());
  }

  /** The value of a key that is set once. */
  Optional<String> get(String section, String key) {
    List<String> values = all(section, key);
    if (values.size() > 1) {
      throw new IllegalStateException(section + "." + key + " is set " + values.size() + " times");
    }
    return values.stream().findFirst();
  }

  String require(String section, String key) {
    return get(section, key)
        .orElseThrow(() -> new AssertionError("no " + key + "= in [" + section + "]"));
  }

  /** A value with systemd's specifiers expanded, where the only one allowed is {@code %%}. */
  static String literalSpecifiers(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (i + 1 < value.length() && value.charAt(i + 1) == '%') {
        out.append('%');
        i++;
        continue;
      }
      throw new IllegalArgumentException("specifier in a value meant to be literal: " + value);
    }
    return out.toString();
  }
}
