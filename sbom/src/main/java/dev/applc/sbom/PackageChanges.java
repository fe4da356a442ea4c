package dev.applc.sbom;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How the packages of two images differ: added, removed and changed version, by name and
 * architecture, in that order of names.
 */
public record PackageChanges(List<Change> changes, int unchanged) {

  /** One package that differs; {@code from} is null when added, {@code to} when removed. */
  public record Change(String name, String architecture, String from, String to) {
    public Kind kind() {
      return from == null ? Kind.ADDED : to == null ? Kind.REMOVED : Kind.CHANGED;
    }
  }

  public enum Kind {
    ADDED,
    REMOVED,
    CHANGED
  }

  public static PackageChanges between(List<Package> old, List<Package> now) {
    Map<String, Package> before = byKey(old);
    Map<String, Package> after = byKey(now);
    TreeSet<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    List<Change> changes = new ArrayList<>();
    int unchanged = 0;
    for (String key : keys) {
      Package b = before.get(key);
      Package a = after.get(key);
      if (b != null && a != null && b.version().equals(a.version())) {
        unchanged++;
        continue;
      }
      Package any = a != null ? a : b;
      changes.add(
          new Change(
              any.name(),
              any.architecture(),
              b == null ? null : b.version(),
              a == null ? null : a.version()));
    }
    return new PackageChanges(List.copyOf(changes), unchanged);
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  public long count(Kind kind) {
    return changes.stream().filter(c -> c.kind() == kind).count();
  }

  private static Map<String, Package> byKey(List<Package> packages) {
    // Sorted by name, then architecture: "name\0arch" sorts as Package.ORDER does.
    Map<String, Package> m = new TreeMap<>();
    for (Package p : packages) {
      m.put(p.name() + "\0" + p.architecture(), p);
    }
    return m;
  }
}
