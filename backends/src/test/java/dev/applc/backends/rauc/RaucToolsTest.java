package dev.applc.backends.rauc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.backend.OutputTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * RAUC itself reads what the backend writes: {@code rauc bundle} builds a signed bundle from the
 * generated manifest (with stand-in images under the names it gives), and {@code rauc info} checks
 * that bundle against the generated system.conf, which RAUC refuses on any key or value it does not
 * know.
 */
class RaucToolsTest {
  static final List<String> RAUC = Specs.RAUC;

  @TempDir Path tmp;

  @ParameterizedTest
  @FieldSource("RAUC")
  void raucBundlesTheManifestAndAcceptsTheSystemConf(String spec) throws Exception {
    RealTool.require("rauc");
    String info = bundleAndInfo(Specs.generate(spec));
    KeyFile manifest =
        KeyFile.parse(Specs.generate(spec).get(RaucBackend.MANIFEST).orElseThrow().text());
    assertTrue(info.contains("Compatible: \t'" + manifest.get("update", "compatible") + "'"), info);
    for (String image : manifest.groupsStartingWith("image.")) {
      assertTrue(info.contains(manifest.get(image, "filename")), image + " in\n" + info);
    }
  }

  @Test
  void raucReadsAnAwkwardCompatibleStringAsWritten() throws Exception {
    RealTool.require("rauc");
    // Blanks inside, not around: the compiler refuses a compatible with outer blanks (APL0104).
    String compatible = "lead;$x \"q\" 'q' %n #h [g] \\ trail";
    Specs.Outcome o =
        Specs.generateText(
            TestSpecs.raucUefi("bookworm", "", "")
                .replace("\"t-x86\"", TestSpecs.literal(compatible)));
    assertTrue(o.diagnostics().isEmpty(), o.rendered());
    String info = bundleAndInfo(o.tree());
    assertTrue(info.contains("Compatible: \t'" + compatible + "'"), info);
  }

  /** Builds the bundle of a generated tree and returns what `rauc info` says about it. */
  private String bundleAndInfo(OutputTree tree) throws Exception {
    TestPki pki = TestPki.create(Files.createDirectories(tmp.resolve("pki")));
    Path bundle = Files.createDirectories(tmp.resolve("bundle"));
    String manifestText = tree.get(RaucBackend.MANIFEST).orElseThrow().text();
    Files.writeString(bundle.resolve("manifest.raucm"), manifestText, StandardCharsets.UTF_8);
    KeyFile manifest = KeyFile.parse(manifestText);
    if (manifest.has("hooks")) {
      Path hook = bundle.resolve(manifest.get("hooks", "filename"));
      Files.writeString(
          hook,
          tree.get("bundle/" + SystemdBootSlots.HOOK).orElseThrow().text(),
          StandardCharsets.UTF_8);
      hook.toFile().setExecutable(true);
    }
    Random random = new Random(42);
    for (String image : manifest.groupsStartingWith("image.")) {
      // Incompressible, so that the bundle's squashfs is larger than the 4 KiB RAUC requires.
      byte[] data = new byte[64 * 1024];
      random.nextBytes(data);
      Files.write(bundle.resolve(manifest.get(image, "filename")), data);
    }
    Path conf = tmp.resolve("system.conf");
    Files.writeString(
        conf, tree.get(RaucBackend.SYSTEM_CONF).orElseThrow().text(), StandardCharsets.UTF_8);
    Path out = tmp.resolve("out.raucb");
    RealTool.ok(
        tmp,
        "rauc",
        "bundle",
        "--cert=" + pki.signerCert(),
        "--key=" + pki.signerKey(),
        bundle.toString(),
        out.toString());
    return RealTool.ok(
        tmp, "rauc", "info", "--conf=" + conf, "--keyring=" + pki.caCert(), out.toString());
  }
}
