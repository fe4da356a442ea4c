package dev.applc.backends.mkosi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sections and settings of one mkosi configuration file, in the order they are added, as the
 * {@code mkosi/mkosi.conf.ftl} template takes them. Values are already checked and escaped. Every
 * key appears once per section: mkosi 14's configparser refuses a key set twice.
 */
final class Ini {
  private final Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();

  /** Sets a single value. */
  void set(String section, String key, String value) {
    list(section, key, List.of(value));
  }

  /** Adds list items to a key; a key with no items is not written. */
  void list(String section, String key, List<String> values) {
    if (values.isEmpty()) {
      return;
    }
    Map<String, List<String>> keys = sections.computeIfAbsent(section, s -> new LinkedHashMap<>());
    keys.computeIfAbsent(key, k -> new ArrayList<>()).addAll(values);
  }

  boolean has(String section, String key) {
    return sections.containsKey(section) && sections.get(section).containsKey(key);
  }

  /** The template's view: a list of sections, each with its entries and their lines. */
  List<Map<String, Object>> view() {
    List<Map<String, Object>> out = new ArrayList<>();
    sections.forEach(
        (name, keys) -> {
          List<Map<String, Object>> entries = new ArrayList<>();
          keys.forEach(
              (key, values) -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("key", key);
                e.put("lines", List.copyOf(values));
                entries.add(e);
              });
          Map<String, Object> s = new LinkedHashMap<>();
          s.put("name", name);
          s.put("entries", entries);
          out.add(s);
        });
    return out;
  }
}
