package dev.applc.compiler.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.applc.compiler.driver.Compiler;
import dev.applc.compiler.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code applc check --format sarif}'s log is valid SARIF 2.1.0: it is checked against the SARIF
 * schema (src/test/resources/sarif/, see the README there), and a log broken on purpose is not.
 */
class SarifRendererTest {
  /** A spec with errors, related places, notes, help and a machine-applicable fix. */
  private static final String SPEC =
      """
      applc 1

      appliance a {
        version = "1.0"
        board b { arch = x86-64; firmware = uefi }

        disk {
          size = 4G
          partition esp { type = esp; sise = 512M }
          partition root { type = root; size = "1G" }
          partition srv { type = srv; size = grow }
          partition var { type = var; size = grow }
          partition root { type = root; size = 1G }
        }
      }
      """;

  /** A spec with a warning only: a device tree on an x86-64 board. */
  private static final String WARNS =
      """
      applc 1

      board pc {
        arch        = x86-64
        firmware    = uefi
        device-tree = "intel/board.dtb"
      }

      appliance demo {
        version = "1.0.0"
        board   = pc

        os debian bookworm {
          packages = [linux-image-amd64, systemd]
        }

        disk {
          partition esp  { type = esp;  size = 512M }
          partition root { type = root; size = 2G }
        }
      }
      """;

  private static final JsonSchema SCHEMA = schema();
  private final ObjectMapper json = new ObjectMapper();

  private static JsonSchema schema() {
    try (InputStream in =
        SarifRendererTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      SchemaValidatorsConfig config =
          SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The diagnostics of both specs, as {@code applc check} of two files gives them. */
  private static List<Diagnostic> diagnostics() {
    Compiler compiler = new Compiler(name -> Optional.empty());
    List<Diagnostic> all =
        new ArrayList<>(
            compiler.compile(new SourceFile("specs/broken b.appliance", SPEC)).diagnostics());
    all.addAll(compiler.compile(new SourceFile("specs/pc.appliance", WARNS)).diagnostics());
    return all;
  }

  private JsonNode log() throws IOException {
    return json.readTree(SarifRenderer.render(diagnostics(), "0.1.0-test"));
  }

  @Test
  void theSpecHasTheKindsOfDiagnosticsTheLogMustCarry() {
    List<Diagnostic> d = diagnostics();
    assertTrue(d.size() >= 4, d.toString());
    assertTrue(
        d.stream().anyMatch(x -> x.severity() == Severity.WARNING),
        () -> "a warning: " + d.stream().map(x -> x.code().id() + " " + x.span()).toList());
    assertTrue(d.stream().anyMatch(x -> !x.related().isEmpty()), "a related place");
    assertTrue(d.stream().anyMatch(x -> x.fix().isPresent()), "a fix");
    assertTrue(d.stream().anyMatch(x -> x.help().isPresent()), "help");
  }

  @Test
  void theLogIsValidSarif() throws IOException {
    Set<ValidationMessage> errors = SCHEMA.validate(log());
    assertEquals(Set.of(), errors);
  }

  @Test
  void aBrokenLogIsRefusedByTheSchema() throws IOException {
    // Each of these breaks one rule of SARIF: the validation must notice every one.
    ObjectNode badLevel = (ObjectNode) log();
    result(badLevel).put("level", "fatal");
    ObjectNode badLine = (ObjectNode) log();
    ((ObjectNode) result(badLine).at("/locations/0/physicalLocation/region")).put("startLine", 0);
    ObjectNode noMessage = (ObjectNode) log();
    result(noMessage).remove("message");
    ObjectNode badVersion = (ObjectNode) log();
    badVersion.put("version", "2.0.0");
    ObjectNode badUri = (ObjectNode) log();
    ((ObjectNode) result(badUri).at("/locations/0/physicalLocation/artifactLocation"))
        .put("uri", "specs/broken b.appliance");
    // Why the rules carry help text and no helpUri: SARIF wants an absolute URI there, and the
    // pages have no address of their own outside the repository.
    ObjectNode relativeHelpUri = (ObjectNode) log();
    ((ObjectNode) relativeHelpUri.at("/runs/0/tool/driver/rules/0"))
        .put("helpUri", "docs/diagnostics/APL0100.md");
    for (ObjectNode broken :
        List.of(badLevel, badLine, noMessage, badVersion, badUri, relativeHelpUri)) {
      assertFalse(SCHEMA.validate(broken).isEmpty(), () -> "valid although broken: " + broken);
    }
  }

  private static ObjectNode result(ObjectNode log) {
    return (ObjectNode) ((ArrayNode) log.at("/runs/0/results")).get(0);
  }

  @Test
  void resultsCarryCodeLevelPlaceAndHelp() throws IOException {
    List<Diagnostic> d = diagnostics();
    JsonNode log = log();
    JsonNode run = log.at("/runs/0");
    assertEquals("applc", run.at("/tool/driver/name").asText());
    assertEquals("0.1.0-test", run.at("/tool/driver/version").asText());
    JsonNode results = run.get("results");
    assertEquals(d.size(), results.size());
    // Relative, as diagnostics name the file, with the space encoded.
    assertEquals(
        "specs/broken%20b.appliance",
        results.at("/0/locations/0/physicalLocation/artifactLocation/uri").asText());
    for (int i = 0; i < d.size(); i++) {
      Diagnostic want = d.get(i);
      JsonNode got = results.get(i);
      assertEquals(want.code().id(), got.get("ruleId").asText());
      assertEquals(
          want.code().id(),
          run.at("/tool/driver/rules/" + got.get("ruleIndex").asInt() + "/id").asText());
      assertEquals(want.severity().label(), got.get("level").asText());
      assertTrue(got.at("/message/text").asText().startsWith(want.message()));
      want.help()
          .ifPresent(h -> assertTrue(got.at("/message/text").asText().endsWith("help: " + h)));
      JsonNode location = got.at("/locations/0/physicalLocation");
      assertEquals(
          SarifRenderer.uri(want.span().file().name()),
          location.at("/artifactLocation/uri").asText());
      JsonNode region = location.get("region");
      assertEquals(want.span().startLine(), region.get("startLine").asInt());
      assertEquals(want.span().startColumn(), region.get("startColumn").asInt());
      assertEquals(want.span().endLine(), region.get("endLine").asInt());
      assertEquals(want.span().endColumn(), region.get("endColumn").asInt());
      assertEquals(want.related().size(), got.path("relatedLocations").size());
      assertEquals(want.fix().isPresent(), got.has("fixes"));
    }
  }

  @Test
  void theSameDiagnosticsGiveTheSameBytes() {
    assertEquals(
        SarifRenderer.render(diagnostics(), "1"), SarifRenderer.render(diagnostics(), "1"));
  }

  @Test
  void namesBecomeUriReferencesWithoutMachinePaths() {
    assertEquals("std:boards/x86_64-uefi", SarifRenderer.uri("std:boards/x86_64-uefi"));
    assertEquals("a%3Ab.appliance", SarifRenderer.uri("a:b.appliance"));
    assertEquals("x.appliance", SarifRenderer.uri("/home/me/x.appliance"));
    assertEquals("../common/%C3%A4.appliance", SarifRenderer.uri("../common/ä.appliance"));
  }
}
