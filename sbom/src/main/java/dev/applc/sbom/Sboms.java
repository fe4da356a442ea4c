package dev.applc.sbom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.parsers.JsonParser;

/** Reads CycloneDX JSON documents back: validation against the schema, packages, artifacts. */
public final class Sboms {
  private Sboms() {}

  /**
   * What is wrong with a document by the CycloneDX 1.5 JSON schema bundled with the library; empty
   * when it is valid.
   */
  public static List<String> problems(byte[] json) {
    try {
      List<String> problems = new ArrayList<>();
      for (ParseException e : new JsonParser().validate(json, CycloneDx.VERSION)) {
        problems.add(e.getMessage());
      }
      return problems;
    } catch (IOException e) {
      return List.of("not JSON: " + e.getMessage());
    }
  }

  /** Whether a file's text looks like a CycloneDX JSON document (its {@code bomFormat}). */
  public static boolean looksLikeCycloneDx(byte[] content) {
    String head =
        new String(content, 0, Math.min(content.length, 4096), StandardCharsets.UTF_8).strip();
    return head.startsWith("{") && head.matches("(?s).*\"bomFormat\"\\s*:\\s*\"CycloneDX\".*");
  }

  /** A parsed document. */
  public static Bom parse(byte[] json) throws ParseException {
    return new JsonParser().parse(json);
  }

  /** The Debian packages of a document, by their package URLs, sorted. */
  public static List<Package> packages(Bom bom) {
    List<Package> packages = new ArrayList<>();
    for (Component c : components(bom)) {
      if (c.getPurl() != null) {
        Package p = Package.fromPurl(c.getPurl());
        if (p != null) {
          packages.add(p);
        }
      }
    }
    packages.sort(Package.ORDER);
    return packages;
  }

  /** The SHA-256 of a component by name, such as {@code disk.raw}; null when it has none. */
  public static String sha256(Bom bom, String name) {
    for (Component c : components(bom)) {
      if (name.equals(c.getName()) && c.getHashes() != null) {
        for (Hash h : c.getHashes()) {
          if ("SHA-256".equals(h.getAlgorithm())) {
            return h.getValue();
          }
        }
      }
    }
    return null;
  }

  private static List<Component> components(Bom bom) {
    return bom.getComponents() == null ? List.of() : bom.getComponents();
  }
}
