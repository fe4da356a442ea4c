package dev.applc.sbom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads dpkg's database of installed packages ({@code /var/lib/dpkg/status} of an image): one
 * paragraph of {@code Field: value} lines per package, paragraphs separated by blank lines, a value
 * continued on lines that start with a space or a tab.
 *
 * <p>Only installed packages count: those whose {@code Status} says {@code installed} and whose
 * wanted state is {@code install} or {@code hold}. A removed package whose configuration files are
 * left ({@code deinstall ok config-files}) or one whose installation broke off ({@code
 * half-installed}, {@code unpacked}) is not in the image as a working package.
 */
public final class DpkgStatus {
  private DpkgStatus() {}

  /** The installed packages, sorted by {@link Package#ORDER}. */
  public static List<Package> installed(String status) {
    List<Package> packages = new ArrayList<>();
    for (Map<String, String> paragraph : paragraphs(status)) {
      String name = paragraph.get("package");
      String version = paragraph.get("version");
      String arch = paragraph.get("architecture");
      if (name == null || version == null || !isInstalled(paragraph.get("status"))) {
        continue;
      }
      packages.add(new Package(name, version, arch == null ? "" : arch));
    }
    packages.sort(Package.ORDER);
    return List.copyOf(packages);
  }

  private static boolean isInstalled(String status) {
    if (status == null) {
      return false;
    }
    String[] words = status.trim().split("\\s+");
    return words.length == 3
        && (words[0].equals("install") || words[0].equals("hold"))
        && words[1].equals("ok")
        && words[2].equals("installed");
  }

  /** Each paragraph's fields, by lowercase name (dpkg's field names are case-insensitive). */
  static List<Map<String, String>> paragraphs(String text) {
    List<Map<String, String>> paragraphs = new ArrayList<>();
    Map<String, String> current = new LinkedHashMap<>();
    String field = null;
    for (String line : text.split("\r?\n", -1)) {
      if (line.isBlank()) {
        if (!current.isEmpty()) {
          paragraphs.add(current);
          current = new LinkedHashMap<>();
        }
        field = null;
      } else if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        // A continuation: part of the previous field's value (a description, a conffiles list).
        if (field != null) {
          current.merge(field, "\n" + line.substring(1), String::concat);
        }
      } else {
        int colon = line.indexOf(':');
        if (colon <= 0) {
          field = null;
          continue;
        }
        field = line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
        current.put(field, line.substring(colon + 1).trim());
      }
    }
    if (!current.isEmpty()) {
      paragraphs.add(current);
    }
    return paragraphs;
  }
}
