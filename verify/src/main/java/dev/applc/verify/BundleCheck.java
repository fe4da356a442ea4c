package dev.applc.verify;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Key;
import dev.applc.compiler.model.UpdatePolicy;
import dev.applc.compiler.source.SourceSpan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Each RAUC bundle in OUT/images, read with {@code rauc info} against the spec's keyring: its
 * signature verifies, its compatible string, version, images and hooks are those of the compiled
 * {@code bundle/manifest.raucm}, and each image's checksum is that of the image the build made.
 */
final class BundleCheck {
  private static final String MANIFEST = "bundle/manifest.raucm";
  private static final String CASYNC_INDEX = ".caibx";

  private BundleCheck() {}

  static void run(BuildOutput b) {
    Optional<String> text = b.compiledText(MANIFEST);
    if (text.isEmpty() || !b.hasPhase("90-bundle")) {
      return;
    }
    RaucManifest want = RaucManifest.parse(text.get());
    SourceSpan at = b.origins().of(MANIFEST, "build/phases/90-bundle.sh");
    List<Path> bundles;
    try (Stream<Path> files = Files.list(b.images())) {
      bundles = files.filter(p -> p.getFileName().toString().endsWith(".raucb")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (bundles.isEmpty()) {
      GptCheck.missing(b, at, "images/*.raucb");
      return;
    }
    Optional<Path> keyring = keyring(b.appliance()).map(k -> b.keys().resolve(k));
    if (keyring.isEmpty() || !Files.isRegularFile(keyring.get())) {
      SourceSpan key = b.appliance().update().map(u -> u.origin().at("keyring")).orElse(at);
      b.findings()
          .add(
              Code.VERIFY_OUTPUT_INCOMPLETE,
              b.origins().inSpecOr(key, MANIFEST),
              "the keyring certificate "
                  + keyring.map(k -> "`" + k + "` does not exist").orElse("is not named")
                  + ": the bundles cannot be verified",
              "the keyring",
              "give the folder the spec's key paths are relative to with --keys DIR");
      return;
    }
    for (Path bundle : bundles) {
      Tools.Run run;
      try {
        run =
            b.tools()
                .run(
                    "rauc",
                    List.of(
                        "info",
                        "--keyring=" + keyring.get(),
                        "--output-format=json",
                        bundle.toString()));
      } catch (Tools.MissingException e) {
        b.findings().missing(e, at, "the RAUC bundles");
        return;
      }
      check(b, at, bundle, run, want);
    }
  }

  private static void check(
      BuildOutput b, SourceSpan at, Path bundle, Tools.Run run, RaucManifest want) {
    String name = "`" + bundle.getFileName() + "`";
    JsonObject info = null;
    if (run.ok()) {
      try {
        info = JsonParser.parseString(run.text()).getAsJsonObject();
      } catch (JsonParseException | IllegalStateException e) {
        info = null;
      }
    }
    if (info == null) {
      String said = run.err().lines().reduce((first, last) -> last).orElse("");
      b.findings()
          .add(
              Code.VERIFY_BUNDLE_MISMATCH,
              at,
              "rauc cannot read or verify " + name + " with the spec's keyring",
              "makes this bundle",
              "rauc info said: " + (said.isEmpty() ? "nothing" : said));
      return;
    }
    differ(b, at, name, "compatible", string(info, "compatible"), want.get("update", "compatible"));
    differ(b, at, name, "version", string(info, "version"), want.get("update", "version"));
    differ(
        b,
        at,
        name,
        "install hooks",
        String.join(" ", strings(info.get("hooks"))),
        String.join(" ", RaucManifest.list(want.get("hooks", "hooks"))));
    Map<String, JsonObject> images = new LinkedHashMap<>();
    if (info.has("images") && info.get("images").isJsonArray()) {
      for (JsonElement e : info.getAsJsonArray("images")) {
        for (Map.Entry<String, JsonElement> slot : e.getAsJsonObject().entrySet()) {
          images.put(slot.getKey(), slot.getValue().getAsJsonObject());
        }
      }
    }
    differ(
        b,
        at,
        name,
        "images (slot classes)",
        String.join(" ", images.keySet()),
        String.join(" ", want.slotClasses()));
    for (String slotClass : want.slotClasses()) {
      JsonObject image = images.get(slotClass);
      if (image == null) {
        continue;
      }
      String section = "image." + slotClass;
      String file = Optional.ofNullable(string(image, "filename")).orElse("");
      // A casync bundle names the index of each image; the checksum stays the image's own.
      String plain =
          file.endsWith(CASYNC_INDEX)
              ? file.substring(0, file.length() - CASYNC_INDEX.length())
              : file;
      differ(
          b, at, name, "file of image `" + slotClass + "`", plain, want.get(section, "filename"));
      differ(
          b,
          at,
          name,
          "hooks of image `" + slotClass + "`",
          String.join(" ", strings(image.get("hooks"))),
          String.join(" ", RaucManifest.list(want.get(section, "hooks"))));
      Optional<Path> built = builtImage(b, want.get(section, "filename"));
      String checksum = Optional.ofNullable(string(image, "checksum")).orElse("");
      if (built.isPresent()) {
        differ(
            b,
            at,
            name,
            "checksum of image `" + slotClass + "`",
            checksum,
            BuildOutput.sha256(built.get()));
      }
    }
  }

  /**
   * The image the build made for a bundle file name: the same name under images/, or for a verity
   * hash tree {@code NAME-verity.img} the build's {@code NAME.verity}.
   */
  private static Optional<Path> builtImage(BuildOutput b, String bundleFile) {
    List<Path> candidates = new ArrayList<>();
    candidates.add(b.image(bundleFile));
    if (bundleFile.endsWith("-verity.img")) {
      candidates.add(
          b.image(
              bundleFile.substring(0, bundleFile.length() - "-verity.img".length()) + ".verity"));
    }
    return candidates.stream().filter(Files::isRegularFile).findFirst();
  }

  private static Optional<String> keyring(Appliance a) {
    Optional<UpdatePolicy> u = a.update();
    if (u.isEmpty()) {
      return Optional.empty();
    }
    if (u.get().keyringPath().isPresent()) {
      return u.get().keyringPath();
    }
    return u.get()
        .keyringKey()
        .flatMap(k -> a.keys().stream().filter(key -> key.name().equals(k)).findFirst())
        .flatMap(Key::certificate);
  }

  private static void differ(
      BuildOutput b, SourceSpan at, String bundle, String what, String got, String want) {
    if (!want.equals(got == null ? "" : got)) {
      b.findings()
          .add(
              Code.VERIFY_BUNDLE_MISMATCH,
              at,
              bundle + " has " + what + " `" + got + "`; the spec's manifest has `" + want + "`",
              "makes this bundle",
              "the bundle was not made from this spec's `bundle/manifest.raucm` and images: it"
                  + " was changed after the build, or built from another version of the spec");
    }
  }

  private static String string(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }

  private static List<String> strings(JsonElement e) {
    List<String> items = new ArrayList<>();
    if (e != null && e.isJsonArray()) {
      e.getAsJsonArray().forEach(x -> items.add(x.getAsString()));
    }
    return items;
  }
}
