package dev.applc.oci;

import java.util.ArrayList;
import java.util.List;

/**
 * The name of a layer entry, taken relative to the root: leading {@code /} and {@code ./} and empty
 * or {@code .} components are dropped, and a {@code ..} component is refused, so that a name alone
 * can never point outside the root.
 */
record EntryPath(List<String> components) {
  static final EntryPath ROOT = new EntryPath(List.of());

  EntryPath {
    components = List.copyOf(components);
  }

  static EntryPath parse(String name) throws OciException {
    List<String> components = new ArrayList<>();
    for (String component : name.split("/", -1)) {
      if (component.isEmpty() || component.equals(".")) {
        continue;
      }
      if (component.equals("..")) {
        throw new OciException("layer entry `" + name + "` has a `..` component");
      }
      if (component.indexOf('\0') >= 0) {
        throw new OciException("layer entry `" + name + "` has a NUL character");
      }
      components.add(component);
    }
    return new EntryPath(components);
  }

  boolean isRoot() {
    return components.isEmpty();
  }

  /** The last component; not for the root. */
  String name() {
    return components.get(components.size() - 1);
  }

  /** The components before the last; not for the root. */
  List<String> parent() {
    return components.subList(0, components.size() - 1);
  }

  @Override
  public String toString() {
    return "/" + String.join("/", components);
  }
}
