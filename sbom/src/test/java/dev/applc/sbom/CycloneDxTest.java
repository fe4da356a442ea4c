package dev.applc.sbom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.cyclonedx.model.Bom;
import org.junit.jupiter.api.Test;

class CycloneDxTest {
  @Test
  void theSameImageGivesTheSameBytes() {
    byte[] first = CycloneDx.write(Fixtures.image());
    // The same packages in another order, as another read of the database could give them.
    List<Package> shuffled = new ArrayList<>(DpkgStatus.installed(Fixtures.status()));
    Collections.reverse(shuffled);
    byte[] second = CycloneDx.write(Fixtures.image(shuffled));
    assertArrayEquals(first, second);
  }

  @Test
  void anotherPackageVersionGivesAnotherSerialNumber() {
    List<Package> packages = new ArrayList<>(DpkgStatus.installed(Fixtures.status()));
    packages.set(0, new Package("adduser", "3.135", "all"));
    JsonObject a = json(CycloneDx.write(Fixtures.image()));
    JsonObject b = json(CycloneDx.write(Fixtures.image(packages)));
    assertNotEquals(a.get("serialNumber"), b.get("serialNumber"));
  }

  @Test
  void isValidCycloneDx15ByTheLibrarysSchema() {
    byte[] sbom = CycloneDx.write(Fixtures.image());
    assertEquals(List.of(), Sboms.problems(sbom));
    JsonObject doc = json(sbom);
    assertEquals("CycloneDX", doc.get("bomFormat").getAsString());
    assertEquals("1.5", doc.get("specVersion").getAsString());
    assertTrue(
        doc.get("serialNumber")
            .getAsString()
            .matches(
                "urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
  }

  @Test
  void aBrokenDocumentFailsValidation() {
    String good = new String(CycloneDx.write(Fixtures.image()), StandardCharsets.UTF_8);
    // A hash that is not SHA-256 hex, and a component without a name.
    String badHash = good.replace("ab".repeat(32), "not-a-hash");
    assertFalse(Sboms.problems(badHash.getBytes(StandardCharsets.UTF_8)).isEmpty());
    String noName = good.replaceFirst("\"name\" : \"adduser\",", "");
    assertFalse(Sboms.problems(noName.getBytes(StandardCharsets.UTF_8)).isEmpty(), noName);
    assertFalse(Sboms.problems("{\"bomFormat\": \"CycloneDX\"".getBytes()).isEmpty());
  }

  @Test
  void thePackagesAreDebianPackageUrlsWithTheirArchitecture() throws Exception {
    byte[] sbom = CycloneDx.write(Fixtures.image());
    String text = new String(sbom, StandardCharsets.UTF_8);
    assertTrue(
        text.contains("\"purl\" : \"pkg:deb/debian/systemd@252.33-1~deb12u1?arch=amd64\""), text);
    // An epoch's colon is encoded, as the purl specification says.
    assertTrue(
        text.contains("\"purl\" : \"pkg:deb/debian/libgcrypt20@1%3A1.10.1-3?arch=amd64\""), text);
    Bom bom = Sboms.parse(sbom);
    assertEquals(DpkgStatus.installed(Fixtures.status()), Sboms.packages(bom));
  }

  @Test
  void theTimestampIsTheSourceDateAndTheSourceIsNamed() {
    JsonObject doc = json(CycloneDx.write(Fixtures.image()));
    JsonObject metadata = doc.getAsJsonObject("metadata");
    // 1765000000 = 2025-12-06T05:46:40Z
    assertEquals("2025-12-06T05:46:40Z", metadata.get("timestamp").getAsString());
    String props = metadata.getAsJsonObject("component").get("properties").toString();
    assertTrue(
        props.contains("{\"name\":\"applc:source-date-epoch\",\"value\":\"1765000000\"}"), props);
    assertTrue(
        props.contains(
            "{\"name\":\"applc:git-commit\",\"value\":\"0123456789abcdef0123456789abcdef01234567\"}"),
        props);
  }

  @Test
  void everyArtifactHasItsSha256() throws Exception {
    Bom bom = Sboms.parse(CycloneDx.write(Fixtures.image()));
    assertEquals("cd".repeat(32), Sboms.sha256(bom, "disk.raw"));
    assertEquals("ab".repeat(32), Sboms.sha256(bom, "root.squashfs"));
    assertEquals("ef".repeat(32), Sboms.sha256(bom, "minimal-0.1.0-casync.castr/"));
  }

  private static JsonObject json(byte[] bytes) {
    return JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)).getAsJsonObject();
  }
}
