package dev.applc.compiler.diag;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.applc.compiler.source.SourceSpan;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders diagnostics as a SARIF 2.1.0 log, which code-scanning services show inline on a pull
 * request. One run of the tool {@code applc}; each diagnostic is a result whose rule is its code.
 *
 * <p>The log is the same bytes for the same diagnostics: no time, no machine path. Files are named
 * as diagnostics name them (relative to the working directory, or the standard library's {@code
 * std:} names), as URI references, so that a service resolves them against its checkout.
 */
public final class SarifRenderer {
  public static final String SCHEMA =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

  /** Where the page of each code lives in applc's repository, as {@code applc explain} shows it. */
  private static final String PAGES = "docs/diagnostics/";

  private SarifRenderer() {}

  /**
   * The SARIF log of {@code diagnostics}, in their order.
   *
   * @param toolVersion applc's version, as {@code applc --version} prints it
   */
  public static String render(List<Diagnostic> diagnostics, String toolVersion) {
    // The rules are the codes the results use, by code, so the log does not depend on the order
    // in which they were met.
    Map<String, Code> codes = new TreeMap<>();
    for (Diagnostic d : diagnostics) {
      codes.put(d.code().id(), d.code());
    }
    List<String> ids = List.copyOf(codes.keySet());

    JsonArray rules = new JsonArray();
    for (Code code : codes.values()) {
      rules.add(rule(code));
    }
    JsonObject driver = new JsonObject();
    driver.addProperty("name", "applc");
    driver.addProperty("version", toolVersion);
    driver.add("rules", rules);
    JsonObject tool = new JsonObject();
    tool.add("driver", driver);

    JsonArray results = new JsonArray();
    for (Diagnostic d : diagnostics) {
      results.add(result(d, ids.indexOf(d.code().id())));
    }
    JsonObject run = new JsonObject();
    run.add("tool", tool);
    // Columns count the characters of Java strings, which are UTF-16 code units.
    run.addProperty("columnKind", "utf16CodeUnits");
    run.add("results", results);

    JsonArray runs = new JsonArray();
    runs.add(run);
    JsonObject log = new JsonObject();
    log.addProperty("$schema", SCHEMA);
    log.addProperty("version", "2.1.0");
    log.add("runs", runs);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(log);
  }

  private static JsonObject rule(Code code) {
    JsonObject rule = new JsonObject();
    rule.addProperty("id", code.id());
    rule.add("shortDescription", text(code.title()));
    rule.add(
        "help",
        text(
            "run `applc explain "
                + code.id()
                + "`, or read "
                + PAGES
                + code.id()
                + ".md in applc's documentation"));
    JsonObject configuration = new JsonObject();
    configuration.addProperty("level", level(code.severity()));
    rule.add("defaultConfiguration", configuration);
    return rule;
  }

  private static JsonObject result(Diagnostic d, int ruleIndex) {
    JsonObject result = new JsonObject();
    result.addProperty("ruleId", d.code().id());
    result.addProperty("ruleIndex", ruleIndex);
    result.addProperty("level", level(d.severity()));
    result.add("message", text(message(d)));
    JsonArray locations = new JsonArray();
    locations.add(location(d.span(), d.label()));
    result.add("locations", locations);
    if (!d.related().isEmpty()) {
      JsonArray related = new JsonArray();
      int id = 1;
      for (Label l : d.related()) {
        JsonObject location = location(l.span(), l.message());
        location.addProperty("id", id++);
        related.add(location);
      }
      result.add("relatedLocations", related);
    }
    d.fix().ifPresent(fix -> result.add("fixes", fixes(fix)));
    return result;
  }

  /**
   * The message as the text renderer says it: the sentence, then its notes and help, since SARIF
   * has no place of its own for them and a reviewer needs the help most.
   */
  private static String message(Diagnostic d) {
    StringBuilder b = new StringBuilder(d.message());
    for (String note : d.notes()) {
      b.append("\nnote: ").append(note);
    }
    d.help().ifPresent(help -> b.append("\nhelp: ").append(help));
    return b.toString();
  }

  private static JsonArray fixes(Fix fix) {
    JsonObject replacement = new JsonObject();
    replacement.add("deletedRegion", region(fix.span()));
    replacement.add("insertedContent", text(fix.replacement()));
    JsonArray replacements = new JsonArray();
    replacements.add(replacement);
    JsonObject change = new JsonObject();
    change.add("artifactLocation", artifact(fix.span()));
    change.add("replacements", replacements);
    JsonArray changes = new JsonArray();
    changes.add(change);
    JsonObject sarifFix = new JsonObject();
    sarifFix.add("description", text(fix.title()));
    sarifFix.add("artifactChanges", changes);
    JsonArray fixes = new JsonArray();
    fixes.add(sarifFix);
    return fixes;
  }

  private static JsonObject location(SourceSpan span, String message) {
    JsonObject physical = new JsonObject();
    physical.add("artifactLocation", artifact(span));
    physical.add("region", region(span));
    JsonObject location = new JsonObject();
    location.add("physicalLocation", physical);
    if (!message.isEmpty()) {
      location.add("message", text(message));
    }
    return location;
  }

  private static JsonObject artifact(SourceSpan span) {
    JsonObject artifact = new JsonObject();
    artifact.addProperty("uri", uri(span.file().name()));
    return artifact;
  }

  /** SARIF's region: 1-based lines and columns, the end column just after the last character. */
  private static JsonObject region(SourceSpan span) {
    JsonObject region = new JsonObject();
    region.addProperty("startLine", span.startLine());
    region.addProperty("startColumn", span.startColumn());
    region.addProperty("endLine", span.endLine());
    region.addProperty("endColumn", span.endColumn());
    return region;
  }

  private static JsonObject text(String text) {
    JsonObject message = new JsonObject();
    message.addProperty("text", text);
    return message;
  }

  static String level(Severity severity) {
    return switch (severity) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case NOTE -> "note";
    };
  }

  /**
   * A file's name as a URI reference: the standard library's {@code std:boards/x} keeps its scheme,
   * a spec file is a relative reference with every character outside RFC 3986's path characters
   * percent-encoded (a colon too, which would otherwise read as a scheme). A name is never an
   * absolute path (the command line names files relative to the working directory); if one were,
   * only its last segment is kept, so that no path of the machine reaches the log.
   */
  static String uri(String name) {
    if (name.startsWith("std:")) {
      return "std:" + encodePath(name.substring(4));
    }
    String relative = name.startsWith("/") ? name.substring(name.lastIndexOf('/') + 1) : name;
    return encodePath(relative);
  }

  private static String encodePath(String path) {
    StringBuilder b = new StringBuilder();
    for (byte x : path.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "-._~/!$&'()*+,;=@".indexOf(c) >= 0;
      if (plain) {
        b.append((char) c);
      } else {
        b.append(String.format(java.util.Locale.ROOT, "%%%02X", c));
      }
    }
    return b.toString();
  }
}
