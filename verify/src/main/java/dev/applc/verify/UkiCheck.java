package dev.applc.verify;

import dev.applc.backends.phases.BuiltDisk;
import dev.applc.backends.phases.BuiltUkis;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.source.SourceSpan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each UKI in OUT/images: its {@code .cmdline} is the compiled command line with the placeholders
 * filled in as {@code 70-uki} fills them, its {@code .osrel} has the spec's version, and the first
 * one is the kernel image on the ESP inside {@code disk.raw}.
 */
final class UkiCheck {
  private static final String PHASE = "build/phases/70-uki.sh";
  private static final Pattern IMAGE_VERSION =
      Pattern.compile("(?m)^IMAGE_VERSION=(?:\"([^\"]*)\"|'([^']*)'|(\\S*))\\s*$");

  private UkiCheck() {}

  static void run(BuildOutput b, Path scratch) {
    if (!b.hasPhase("70-uki")) {
      return;
    }
    List<BuiltUkis.Uki> ukis = BuiltUkis.of(b.appliance(), b.compiled());
    for (BuiltUkis.Uki uki : ukis) {
      SourceSpan at = b.origins().of(PHASE, uki.cmdline());
      Path file = b.image(uki.file());
      if (!Files.isRegularFile(file)) {
        GptCheck.missing(b, at, "images/" + uki.file());
        continue;
      }
      try {
        checkCmdline(b, uki, file, at, scratch);
        checkOsrel(b, uki, file, at, scratch);
      } catch (Tools.MissingException e) {
        b.findings().missing(e, at, "the sections of the UKIs");
        return;
      }
    }
    if (!ukis.isEmpty() && b.hasPhase("75-esp") && b.hasPhase("80-disk")) {
      checkEsp(b, ukis.get(0));
    }
  }

  private static void checkCmdline(
      BuildOutput b, BuiltUkis.Uki uki, Path file, SourceSpan at, Path scratch)
      throws Tools.MissingException {
    Optional<String> line =
        b.compiledText(uki.cmdline()).map(t -> t.lines().findFirst().orElse(""));
    if (line.isEmpty()) {
      return;
    }
    String want = line.get();
    for (BuiltDisk.RootHash h : BuiltDisk.rootHashes(b.appliance())) {
      Optional<String> hash = b.rootHash(h.file());
      if (hash.isEmpty() || hash.get().length() < 64) {
        GptCheck.missing(b, at, "images/" + h.file());
        return;
      }
      String hex = hash.get();
      want =
          want.replace("@" + h.token() + "HASH@", hex)
              .replace("@" + h.token() + "_PARTUUID@", BuildOutput.uuid(hex.substring(0, 32)))
              .replace(
                  "@" + h.token() + "_VERITY_PARTUUID@",
                  BuildOutput.uuid(hex.substring(hex.length() - 32)));
    }
    Optional<String> got = section(b, file, ".cmdline", scratch, at);
    if (got.isEmpty()) {
      return;
    }
    if (!got.get().equals(want)) {
      b.findings()
          .add(
              Code.VERIFY_UKI_MISMATCH,
              at,
              "the `.cmdline` of `"
                  + uki.file()
                  + "` is not `"
                  + uki.cmdline()
                  + "` with the root hash of this build",
              "makes this UKI",
              firstDifference(got.get(), want));
    }
  }

  private static void checkOsrel(
      BuildOutput b, BuiltUkis.Uki uki, Path file, SourceSpan at, Path scratch)
      throws Tools.MissingException {
    Optional<String> osrel = section(b, file, ".osrel", scratch, at);
    if (osrel.isEmpty()) {
      return;
    }
    Matcher m = IMAGE_VERSION.matcher(osrel.get());
    String got = null;
    if (m.find()) {
      got = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
    }
    String want = b.appliance().version();
    if (!want.equals(got)) {
      SourceSpan version =
          b.origins().inSpecOr(b.appliance().origin().at("version"), PHASE, uki.cmdline());
      b.findings()
          .add(
              Code.VERIFY_UKI_MISMATCH,
              version,
              "the `.osrel` of `"
                  + uki.file()
                  + "` "
                  + (got == null ? "has no IMAGE_VERSION" : "has IMAGE_VERSION `" + got + "`")
                  + "; the spec's version is `"
                  + want
                  + "`",
              "the spec's version",
              "the UKI was built from another version of the spec, or changed after the build");
    }
  }

  /** Slot A's UKI (or the only one) must be the file the ESP in disk.raw boots. */
  private static void checkEsp(BuildOutput b, BuiltUkis.Uki first) {
    Optional<BuiltDisk.Part> esp =
        BuiltDisk.of(b.appliance()).stream()
            .filter(p -> p.typeGuid().equalsIgnoreCase("c12a7328-f81f-11d2-ba4b-00a0c93ec93b"))
            .findFirst();
    Path raw = b.image(BuiltDisk.diskFile());
    if (esp.isEmpty() || !Files.isRegularFile(raw)) {
      return;
    }
    SourceSpan at = b.origins().of("build/phases/75-esp.sh", PHASE);
    String onEsp = BuiltUkis.onEsp(b.appliance(), first);
    Tools.Run run;
    try {
      run =
          b.tools()
              .run(
                  "mcopy", List.of("-n", "-i", raw + "@@" + esp.get().offset(), "::" + onEsp, "-"));
    } catch (Tools.MissingException e) {
      b.findings().missing(e, at, "the ESP inside disk.raw");
      return;
    }
    byte[] built;
    try {
      built = Files.readAllBytes(b.image(first.file()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!run.ok()) {
      b.findings()
          .add(
              Code.VERIFY_UKI_MISMATCH,
              at,
              "the ESP in `disk.raw` has no `" + onEsp + "`",
              "fills the ESP",
              "the boot loader starts `" + onEsp + "`; mcopy said: " + run.err());
    } else if (!Arrays.equals(run.out(), built)) {
      b.findings()
          .add(
              Code.VERIFY_UKI_MISMATCH,
              at,
              "`" + onEsp + "` on the ESP in `disk.raw` is not `images/" + first.file() + "`",
              "fills the ESP",
              "the disk boots another kernel image than images/"
                  + first.file()
                  + " (slot "
                  + (first.slot().isEmpty() ? "A" : first.slot().toUpperCase(Locale.ROOT))
                  + "): one of them was changed after the build");
    }
  }

  /** A PE section's text, extracted with objcopy; empty (and reported) when the UKI has none. */
  private static Optional<String> section(
      BuildOutput b, Path file, String name, Path scratch, SourceSpan at)
      throws Tools.MissingException {
    Path target = scratch.resolve("section" + name);
    try {
      Files.deleteIfExists(target);
      Tools.Run run =
          b.tools()
              .run(
                  "objcopy",
                  List.of(
                      "-O",
                      "binary",
                      "--only-section=" + name,
                      file.toString(),
                      target.toString()));
      if (!run.ok() || !Files.isRegularFile(target) || Files.size(target) == 0) {
        b.findings()
            .add(
                Code.VERIFY_UKI_MISMATCH,
                at,
                "`" + file.getFileName() + "` has no `" + name + "` section",
                "makes this UKI",
                "a UKI the build made has `.osrel`, `.cmdline`, `.initrd` and `.linux`"
                    + (run.err().isEmpty() ? "" : "; objcopy said: " + run.err()));
        return Optional.empty();
      }
      // objcopy keeps the section's padding: the text ends at the first NUL.
      String text = new String(Files.readAllBytes(target), StandardCharsets.UTF_8);
      int nul = text.indexOf('\0');
      return Optional.of(nul < 0 ? text : text.substring(0, nul));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where two command lines part, with a few words of each around it. */
  static String firstDifference(String got, String want) {
    int i = 0;
    while (i < got.length() && i < want.length() && got.charAt(i) == want.charAt(i)) {
      i++;
    }
    int from = Math.max(0, got.lastIndexOf(' ', Math.max(0, i - 1)) + 1);
    return "from character "
        + (i + 1)
        + " the UKI has `"
        + excerpt(got, from)
        + "` where the spec gives `"
        + excerpt(want, from)
        + "`";
  }

  private static String excerpt(String s, int from) {
    if (from >= s.length()) {
      return "";
    }
    String rest = s.substring(from);
    return rest.length() > 40 ? rest.substring(0, 40) + "..." : rest;
  }
}
