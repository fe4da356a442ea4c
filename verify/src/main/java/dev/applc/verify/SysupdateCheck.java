package dev.applc.verify;

import dev.applc.backends.phases.BuiltDisk;
import dev.applc.backends.phases.BuiltUkis;
import dev.applc.backends.sysupdate.Artifacts;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Key;
import dev.applc.compiler.model.UpdatePolicy;
import dev.applc.compiler.source.SourceSpan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The systemd-sysupdate artifacts in OUT/images/sysupdate: exactly the files the spec implies,
 * named as {@link Artifacts} names them (a partition's with its GPT partition UUID in {@code
 * disk.raw}), listed in SHA256SUMS with their real SHA-256, SHA256SUMS signed by the spec's signing
 * key, and the UKI artifact the UKI the build made.
 *
 * <p>The signature is checked with {@code gpgv} against the signing key's certificate from the keys
 * folder, dearmored by {@code gpg} in a home of its own: the same bytes the build puts in the
 * image's {@code /etc/systemd/import-pubring.gpg}, read from the key rather than from the root file
 * system (which verify does not unpack).
 */
final class SysupdateCheck {
  private static final String PHASE = "build/phases/90-bundle.sh";
  private static final String DISK_PHASE = "build/phases/80-disk.sh";
  private static final String UKI_PHASE = "build/phases/70-uki.sh";
  private static final String FOLDER = "sysupdate";

  /** A sha256sum(1) line: the hash, then two blanks or a blank and {@code *}, then the name. */
  private static final Pattern SUM_LINE = Pattern.compile("([0-9a-fA-F]{64}) [ *](.+)");

  private SysupdateCheck() {}

  /** A file the spec implies, and the spec text it comes from. */
  private record Expected(String name, SourceSpan at, String what) {}

  static boolean applies(Appliance a) {
    return a.update().map(u -> u.method() == UpdatePolicy.Method.SYSUPDATE).orElse(false)
        && a.build().formats().contains("sysupdate");
  }

  static void run(BuildOutput b, Path scratch) {
    Appliance a = b.appliance();
    if (!applies(a) || !b.hasPhase("90-bundle")) {
      return;
    }
    UpdatePolicy update = a.update().orElseThrow();
    SourceSpan formats = b.origins().inSpecOr(a.build().origin().at("formats"), PHASE);
    SourceSpan updateBlock = b.origins().inSpecOr(update.origin().header(), PHASE);
    Path folder = b.image(FOLDER);
    if (!Files.isDirectory(folder)) {
      GptCheck.missing(b, formats, "images/" + FOLDER + "/");
      return;
    }
    Artifacts names = Artifacts.of(a);
    Optional<List<String>> uuids;
    try {
      uuids = GptCheck.uuids(b);
    } catch (Tools.MissingException e) {
      b.findings().missing(e, formats, "the partition UUIDs in the artifacts' names");
      uuids = Optional.empty();
    }
    TreeSet<String> present = files(folder);
    Map<String, Expected> expected = new LinkedHashMap<>();
    for (BuiltDisk.Published p : BuiltDisk.published(a)) {
      SourceSpan at = b.origins().inSpecOr(p.partition().origin().span(), DISK_PHASE);
      String what = "the artifact of partition `" + p.partition().name() + "`";
      // The UUID is the partition's in the built disk; without a disk (GptCheck reports it) any
      // name of the partition's shape stands, and its checksum is still checked.
      String prefix = names.imageId() + "_" + a.version() + "." + p.partition().name() + ".";
      String suffix =
          names.partitionFile(p.partition(), a.version(), "").substring(prefix.length());
      Optional<String> uuid =
          uuids.filter(u -> u.size() >= p.number()).map(u -> u.get(p.number() - 1));
      String name =
          uuid.map(u -> names.partitionFile(p.partition(), a.version(), u))
              .orElseGet(
                  () ->
                      present.stream()
                          .filter(f -> f.startsWith(prefix) && f.endsWith(suffix))
                          .findFirst()
                          .orElse(prefix + "UUID" + suffix));
      if (!present.contains(name)) {
        Optional<String> other =
            present.stream()
                .filter(f -> f.startsWith(prefix) && f.endsWith(suffix))
                .filter(f -> f.length() > prefix.length() + suffix.length())
                .findFirst();
        String partition = "partition `" + p.partition().name() + "`";
        String wantUuid = uuid.orElse("");
        b.findings()
            .add(
                Code.VERIFY_SYSUPDATE_MISMATCH,
                at,
                other
                    .map(
                        o ->
                            "the artifact of "
                                + partition
                                + " has the UUID `"
                                + o.substring(prefix.length(), o.length() - suffix.length())
                                + "` in its name; partition "
                                + p.number()
                                + " of `disk.raw` has `"
                                + wantUuid
                                + "`")
                    .orElse(
                        "`images/"
                            + FOLDER
                            + "` has no artifact of "
                            + partition
                            + (wantUuid.isEmpty() ? "" : " with the UUID `" + wantUuid + "`")),
                "the spec's partition",
                "a sysupdate build publishes each partition as `"
                    + prefix
                    + "UUID"
                    + suffix
                    + "`, UUID being the partition's in disk.raw: systemd-sysupdate gives the"
                    + " partition it writes that UUID, and the kernel command line finds verity"
                    + " partitions by it");
        other.ifPresent(present::remove);
      }
      expected.put(name, new Expected(name, at, what));
    }
    Optional<BuiltUkis.Uki> uki = uki(b);
    SourceSpan ukiAt = uki.map(u -> b.origins().of(UKI_PHASE, u.cmdline())).orElse(formats);
    if (uki.isPresent()) {
      String name = names.ukiFile(a.version());
      expected.put(name, new Expected(name, ukiAt, "the UKI artifact"));
      if (!present.contains(name)) {
        b.findings()
            .add(
                Code.VERIFY_SYSUPDATE_MISMATCH,
                ukiAt,
                "`images/" + FOLDER + "/" + name + "` is missing",
                "makes the UKI",
                "a sysupdate build publishes the UKI of each version: build again with applc"
                    + " build");
      }
    }
    Optional<Key> signer = signer(a);
    List<String> checksumFiles =
        signer.isPresent()
            ? List.of(Artifacts.CHECKSUMS, Artifacts.CHECKSUMS_SIGNATURE)
            : List.of(Artifacts.CHECKSUMS);
    for (String f : present) {
      if (!expected.containsKey(f) && !checksumFiles.contains(f)) {
        b.findings()
            .add(
                Code.VERIFY_SYSUPDATE_MISMATCH,
                formats,
                "`images/" + FOLDER + "/" + f + "` is not an artifact of this spec",
                "publishes the sysupdate artifacts",
                "the spec's artifacts are "
                    + String.join(
                        ", ",
                        Stream.concat(expected.keySet().stream(), checksumFiles.stream())
                            .map(n -> "`" + n + "`")
                            .toList())
                    + ": the file was added after the build, or built from another spec");
      }
    }
    for (String f : checksumFiles) {
      if (!present.contains(f)) {
        b.findings()
            .add(
                Code.VERIFY_SYSUPDATE_MISMATCH,
                updateBlock,
                "`images/" + FOLDER + "/" + f + "` is missing",
                "updates with systemd-sysupdate",
                "systemd-sysupdate accepts only versions that SHA256SUMS lists"
                    + (signer.isPresent() ? " and SHA256SUMS.gpg signs" : "")
                    + ": build again with applc build");
      }
    }
    if (present.contains(Artifacts.CHECKSUMS)) {
      checkSums(b, folder, updateBlock, expected, present);
      if (signer.isPresent() && present.contains(Artifacts.CHECKSUMS_SIGNATURE)) {
        checkSignature(b, folder, update, signer.get(), scratch);
      }
    }
    if (uki.isPresent() && present.contains(names.ukiFile(a.version()))) {
      checkUki(b, folder.resolve(names.ukiFile(a.version())), uki.get(), ukiAt);
    }
  }

  /** SHA256SUMS lists each artifact with its SHA-256, and nothing else. */
  private static void checkSums(
      BuildOutput b,
      Path folder,
      SourceSpan at,
      Map<String, Expected> expected,
      TreeSet<String> present) {
    Map<String, String> listed = new LinkedHashMap<>();
    String text;
    try {
      text = Files.readString(folder.resolve(Artifacts.CHECKSUMS), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String line : text.lines().filter(l -> !l.isBlank()).toList()) {
      Matcher m = SUM_LINE.matcher(line);
      if (!m.matches()) {
        mismatch(b, at, "`SHA256SUMS` has a line that is not `HASH  FILE`: `" + line + "`");
        continue;
      }
      listed.put(m.group(2), m.group(1).toLowerCase(java.util.Locale.ROOT));
    }
    for (Expected e : expected.values()) {
      if (!present.contains(e.name())) {
        continue;
      }
      String real = BuildOutput.sha256(folder.resolve(e.name()));
      String got = listed.get(e.name());
      if (got == null) {
        mismatch(b, at, "`SHA256SUMS` does not list `" + e.name() + "` (" + e.what() + ")");
      } else if (!got.equals(real)) {
        mismatch(
            b,
            at,
            "`SHA256SUMS` gives `"
                + e.name()
                + "` the SHA-256 `"
                + abbreviated(got)
                + "`; the file's is `"
                + abbreviated(real)
                + "`");
      }
    }
    for (String name : listed.keySet()) {
      if (!expected.containsKey(name)) {
        mismatch(b, at, "`SHA256SUMS` lists `" + name + "`, which is not an artifact of this spec");
      }
    }
  }

  private static void mismatch(BuildOutput b, SourceSpan at, String message) {
    b.findings()
        .add(
            Code.VERIFY_SYSUPDATE_MISMATCH,
            at,
            message,
            "updates with systemd-sysupdate",
            "a device installs only files whose SHA-256 SHA256SUMS gives: SHA256SUMS or the"
                + " artifacts were changed after the build");
  }

  /** SHA256SUMS.gpg verifies with the signing key's certificate, as the device's keyring has it. */
  private static void checkSignature(
      BuildOutput b, Path folder, UpdatePolicy update, Key signer, Path scratch) {
    SourceSpan at = b.origins().inSpecOr(update.origin().at("signing-key"), PHASE);
    Path certificate = b.keys().resolve(signer.certificate().orElseThrow());
    if (!Files.isRegularFile(certificate)) {
      b.findings()
          .add(
              Code.VERIFY_OUTPUT_INCOMPLETE,
              at,
              "the certificate `"
                  + signer.certificate().get()
                  + "` of the signing key does not exist: SHA256SUMS.gpg cannot be verified",
              "the signing key",
              "give the folder the spec's key paths are relative to with --keys DIR");
      return;
    }
    try {
      // A gpg home of this check's own: neither the user's keys nor their trust decide.
      Path home = Files.createTempDirectory(scratch, "gnupg");
      Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
      Path keyring = home.resolve("import-pubring.gpg");
      Tools.Run dearmor =
          b.tools()
              .run(
                  "gpg",
                  List.of(
                      "--homedir",
                      home.toString(),
                      "--batch",
                      "--yes",
                      "--output",
                      keyring.toString(),
                      "--dearmor",
                      certificate.toString()));
      if (!dearmor.ok()) {
        b.findings()
            .add(
                Code.VERIFY_SYSUPDATE_MISMATCH,
                at,
                "the certificate `"
                    + signer.certificate().get()
                    + "` of the signing key is not an armored OpenPGP public key",
                "the signing key",
                "gpg --dearmor said: " + lastLine(dearmor.err()));
        return;
      }
      Tools.Run gpgv =
          b.tools()
              .run(
                  "gpgv",
                  List.of(
                      "--homedir",
                      home.toString(),
                      "--keyring",
                      keyring.toString(),
                      folder.resolve(Artifacts.CHECKSUMS_SIGNATURE).toString(),
                      folder.resolve(Artifacts.CHECKSUMS).toString()));
      if (!gpgv.ok()) {
        b.findings()
            .add(
                Code.VERIFY_SYSUPDATE_MISMATCH,
                at,
                "`SHA256SUMS.gpg` is not a valid signature of `SHA256SUMS` by the key `"
                    + signer.name()
                    + "`",
                "the signing key",
                "a device whose keyring holds this key refuses the version; gpgv said: "
                    + lastLine(gpgv.err()));
      }
    } catch (Tools.MissingException e) {
      b.findings().missing(e, at, "the signature SHA256SUMS.gpg");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The UKI artifact, decompressed, is the UKI the build made. */
  private static void checkUki(BuildOutput b, Path artifact, BuiltUkis.Uki uki, SourceSpan at) {
    Path built = b.image(uki.file());
    if (!Files.isRegularFile(built)) {
      return; // UkiCheck reports the missing UKI.
    }
    String compression = Artifacts.compression(b.appliance());
    String suffix = Artifacts.compressionSuffix(compression);
    byte[] content;
    try {
      if (suffix.isEmpty()) {
        content = Files.readAllBytes(artifact);
      } else {
        String tool = suffix.equals(".zst") ? "zstd" : suffix.equals(".xz") ? "xz" : "gzip";
        Tools.Run run = b.tools().run(tool, List.of("-dc", artifact.toString()));
        if (!run.ok()) {
          b.findings()
              .add(
                  Code.VERIFY_SYSUPDATE_MISMATCH,
                  at,
                  "`" + artifact.getFileName() + "` cannot be decompressed with " + tool,
                  "makes the UKI",
                  tool + " said: " + lastLine(run.err()));
          return;
        }
        content = run.out();
      }
      if (!Arrays.equals(content, Files.readAllBytes(built))) {
        b.findings()
            .add(
                Code.VERIFY_SYSUPDATE_MISMATCH,
                at,
                "`images/"
                    + FOLDER
                    + "/"
                    + artifact.getFileName()
                    + "` is not `images/"
                    + uki.file()
                    + "`"
                    + (suffix.isEmpty() ? "" : " once decompressed"),
                "makes the UKI",
                "devices that update install another kernel image than the one the disk boots:"
                    + " one of them was changed after the build");
      }
    } catch (Tools.MissingException e) {
      b.findings().missing(e, at, "the UKI artifact");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The UKI the build publishes: the first, when the board boots UEFI and the build makes UKIs. */
  private static Optional<BuiltUkis.Uki> uki(BuildOutput b) {
    if (!b.hasPhase("70-uki") || !b.appliance().board().firmware().isUefi()) {
      return Optional.empty();
    }
    return BuiltUkis.of(b.appliance(), b.compiled()).stream().findFirst();
  }

  /** The key the build signs SHA256SUMS with: the signing key, when it has both halves. */
  private static Optional<Key> signer(Appliance a) {
    return a.update()
        .flatMap(UpdatePolicy::signingKey)
        .flatMap(a::key)
        .filter(k -> k.privateKey().isPresent() && k.certificate().isPresent());
  }

  private static TreeSet<String> files(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A SHA-256 short enough to read in a message: its first 16 hex digits. */
  private static String abbreviated(String sha256) {
    return sha256.substring(0, 16) + "...";
  }

  private static String lastLine(String text) {
    return text.lines().reduce((first, last) -> last).orElse("nothing");
  }
}
