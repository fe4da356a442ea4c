package dev.applc.sbom;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * Writes a {@link BuiltImage} as a CycloneDX 1.5 JSON document with CycloneDX's own library.
 *
 * <p>The same image gives the same bytes: components are sorted (packages by name and architecture,
 * then artifacts by name), the timestamp is the source date, not the time of the build, and the
 * serial number is a name-based UUID of the document without it.
 */
public final class CycloneDx {
  /** The schema version applc writes. */
  public static final Version VERSION = Version.VERSION_15;

  /** The file name of the SBOM, next to the build's folders. */
  public static final String FILE_NAME = "sbom.cdx.json";

  static final String PROPERTY_PREFIX = "applc:";

  private CycloneDx() {}

  /** The SBOM as UTF-8 JSON, ending in a newline. */
  public static byte[] write(BuiltImage image) {
    Bom bom = bom(image);
    byte[] unnumbered = json(bom);
    bom.setSerialNumber("urn:uuid:" + UUID.nameUUIDFromBytes(unnumbered));
    return json(bom);
  }

  private static byte[] json(Bom bom) {
    try {
      String text = BomGeneratorFactory.createJson(VERSION, bom).toJsonString();
      return (text.stripTrailing() + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (GeneratorException e) {
      throw new IllegalStateException("CycloneDX could not write the SBOM: " + e.getMessage(), e);
    }
  }

  static Bom bom(BuiltImage image) {
    Bom bom = new Bom();
    bom.setVersion(1);
    Metadata metadata = new Metadata();
    metadata.setTimestamp(new Date(image.sourceDateEpoch() * 1000L));
    Component applc = new Component();
    applc.setType(Component.Type.APPLICATION);
    applc.setName("applc");
    applc.setVersion(image.tool());
    ToolInformation tools = new ToolInformation();
    tools.setComponents(List.of(applc));
    metadata.setToolChoice(tools);

    Component appliance = new Component();
    appliance.setType(Component.Type.OPERATING_SYSTEM);
    appliance.setBomRef("appliance:" + image.name());
    appliance.setName(image.name());
    appliance.setVersion(image.version());
    List<Property> props = new ArrayList<>();
    props.add(property("source-date-epoch", Long.toString(image.sourceDateEpoch())));
    image
        .source()
        .ifPresent(
            s -> {
              props.add(property("git-commit", s.commit()));
              props.add(property("git-modified", Boolean.toString(s.modified())));
              props.add(property("spec", s.path()));
            });
    props.add(property("package-database", image.packageDatabase().orElse("none")));
    appliance.setProperties(props);
    metadata.setComponent(appliance);
    bom.setMetadata(metadata);

    List<Component> components = new ArrayList<>();
    for (Package p : image.packages()) {
      Component c = new Component();
      c.setType(Component.Type.LIBRARY);
      String purl = p.purl(image.distribution());
      c.setBomRef(purl);
      c.setName(p.name());
      c.setVersion(p.version());
      c.setPurl(purl);
      components.add(c);
    }
    for (Artifact a : image.artifacts()) {
      Component c = new Component();
      c.setType(Component.Type.FILE);
      c.setBomRef("artifact:" + a.name());
      c.setName(a.name());
      c.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, a.sha256())));
      if (a.folder()) {
        c.setProperties(
            List.of(
                property("files", Integer.toString(a.files())),
                property("sha256-of", "the sha256sum listing of its files, sorted by path")));
      }
      components.add(c);
    }
    bom.setComponents(components);
    return bom;
  }

  private static Property property(String name, String value) {
    return new Property(PROPERTY_PREFIX + name, value);
  }
}
