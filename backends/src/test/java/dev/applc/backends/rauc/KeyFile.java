package dev.applc.backends.rauc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small reader for GLib key files (RAUC's system.conf and manifest), to check generated files by
 * what they mean rather than by their text: groups in order, keys, and values unescaped as GLib
 * unescapes them ({@code \s \n \t \r \\}, leading blanks dropped).
 */
public final class KeyFile {
  private final Map<String, Map<String, String>> groups = new LinkedHashMap<>();

  private KeyFile() {}

  public static KeyFile parse(String text) {
    KeyFile f = new KeyFile();
    Map<String, String> current = null;
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n++;
      String t = line.stripLeading();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      if (t.startsWith("[")) {
        if (!t.endsWith("]")) {
          throw new IllegalArgumentException("line " + n + ": bad group " + line);
        }
        String name = t.substring(1, t.length() - 1);
        if (f.groups.containsKey(name)) {
          throw new IllegalArgumentException("line " + n + ": group [" + name + "] twice");
        }
        current = new LinkedHashMap<>();
        f.groups.put(name, current);
        continue;
      }
      int eq = t.indexOf('=');
      if (eq < 0 || current == null) {
        throw new IllegalArgumentException("line " + n + ": not key=value in a group: " + line);
      }
      String key = t.substring(0, eq).strip();
      String value = unescape(t.substring(eq + 1).stripLeading());
      if (current.put(key, value) != null) {
        throw new IllegalArgumentException("line " + n + ": key " + key + " twice");
      }
    }
    return f;
  }

  static String unescape(String raw) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (i + 1 >= raw.length()) {
        throw new IllegalArgumentException("trailing backslash in " + raw);
      }
      char e = raw.charAt(++i);
      switch (e) {
        case 's' -> out.append(' ');
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case '\\' -> out.append('\\');
        default -> throw new IllegalArgumentException("bad escape \\" + e + " in " + raw);
      }
    }
    return out.toString();
  }

  public List<String> groups() {
    return new ArrayList<>(groups.keySet());
  }

  public List<String> groupsStartingWith(String prefix) {
    return groups.keySet().stream().filter(g -> g.startsWith(prefix)).toList();
  }

  public boolean has(String group) {
    return groups.containsKey(group);
  }

  public Map<String, String> group(String group) {
    Map<String, String> g = groups.get(group);
    if (g == null) {
      throw new AssertionError("no group [" + group + "] in " + groups.keySet());
    }
    return g;
  }

  public String get(String group, String key) {
    String v = group(group).get(key);
    if (v == null) {
      throw new AssertionError("no " + key + "= in [" + group + "]");
    }
    return v;
  }
}
