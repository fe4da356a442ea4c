package dev.applc.compiler.backend;

import dev.applc.compiler.json.JsonWriter;
import dev.applc.compiler.source.SourceSpan;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json}: every generated file with its SHA-256, mode and the spec spans it came
 * from, so that review tools can map a generated line back to the spec.
 */
public final class Manifest {
  public static final String PATH = "manifest.json";

  private Manifest() {}

  public static String render(OutputTree tree, String specName) {
    List<Object> files = new ArrayList<>();
    for (OutputFile f : tree.files()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("path", f.path());
      o.put("sha256", sha256(f.content()));
      o.put("mode", String.format("%04o", f.mode()));
      List<Object> origins = new ArrayList<>();
      f.origins().stream().map(SourceSpan::range).distinct().sorted().forEach(origins::add);
      o.put("from", origins);
      files.add(o);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("generator", "applc");
    root.put("spec", specName);
    root.put("files", files);
    return JsonWriter.write(root) + "\n";
  }

  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
