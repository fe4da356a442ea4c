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

  /** A document that is not a valid CycloneDX 1.5 SBOM, with what is wrong with it. */
  public static final class InvalidSbomException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidSbomException(String message) {
      super(message);
    }
  }

  /**
   * The Debian packages of a valid document, sorted; a document that is not valid by the schema is
   * refused with its first problems.
   */
  public static List<Package> packagesOf(byte[] json) throws InvalidSbomException {
    List<String> problems = problems(json);
    if (!problems.isEmpty()) {
      throw new InvalidSbomException(
          String.join("; ", problems.subList(0, Math.min(3, problems.size()))));
    }
    try {
      return packages(parse(json));
    } catch (ParseException e) {
      throw new InvalidSbomException(e.getMessage());
    }
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
