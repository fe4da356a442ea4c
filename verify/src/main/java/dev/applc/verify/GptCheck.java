package dev.applc.verify;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.applc.backends.phases.BuiltDisk;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.source.SourceSpan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The GPT of {@code disk.raw}, read with {@code sfdisk --json}: the partitions in the spec's order,
 * each with its label, type GUID, offset and size, and the UUIDs the build gives them (fixed ones,
 * or the halves of the root hash for verity data and hash partitions).
 */
final class GptCheck {
  private static final String PHASE = "build/phases/80-disk.sh";

  private GptCheck() {}

  static void run(BuildOutput b) {
    if (!b.hasPhase("80-disk")) {
      return;
    }
    SourceSpan disk = b.origins().of(PHASE);
    Path raw = b.image(BuiltDisk.diskFile());
    if (!Files.isRegularFile(raw)) {
      missing(b, disk, "images/" + BuiltDisk.diskFile());
      return;
    }
    Tools.Run run;
    try {
      run = b.tools().run("sfdisk", List.of("--json", raw.toString()));
    } catch (Tools.MissingException e) {
      b.findings().missing(e, disk, "the partition table of disk.raw");
      return;
    }
    JsonObject table = table(run).orElse(null);
    if (table == null) {
      b.findings()
          .add(
              Code.VERIFY_GPT_MISMATCH,
              disk,
              "`disk.raw` has no GPT that sfdisk can read",
              "lays out this disk",
              "sfdisk said: " + (run.err().isEmpty() ? "a table that is not GPT" : run.err()));
      return;
    }
    long sector = table.has("sectorsize") ? table.get("sectorsize").getAsLong() : 512;
    JsonArray found =
        table.has("partitions") ? table.getAsJsonArray("partitions") : new JsonArray();
    List<BuiltDisk.Part> expected = BuiltDisk.of(b.appliance());
    if (found.size() != expected.size()) {
      b.findings()
          .add(
              Code.VERIFY_GPT_MISMATCH,
              disk,
              "`disk.raw` has " + found.size() + " partitions; the spec has " + expected.size(),
              "lays out this disk",
              "the spec's partitions are "
                  + String.join(", ", expected.stream().map(p -> "`" + p.label() + "`").toList()));
    }
    for (int i = 0; i < Math.min(found.size(), expected.size()); i++) {
      compare(b, i + 1, expected.get(i), found.get(i).getAsJsonObject(), sector);
    }
  }

  /** The GPT that {@code sfdisk --json} printed, empty when it printed none. */
  static Optional<JsonObject> table(Tools.Run run) {
    if (!run.ok()) {
      return Optional.empty();
    }
    try {
      JsonObject table =
          JsonParser.parseString(run.text()).getAsJsonObject().getAsJsonObject("partitiontable");
      return table != null && "gpt".equals(string(table, "label"))
          ? Optional.of(table)
          : Optional.empty();
    } catch (JsonParseException | IllegalStateException | ClassCastException e) {
      return Optional.empty();
    }
  }

  /**
   * The partition UUIDs of {@code disk.raw}'s GPT in table order, lower case; empty when there is
   * no disk or no GPT (which {@link #run} reports).
   */
  static Optional<List<String>> uuids(BuildOutput b) throws Tools.MissingException {
    Path raw = b.image(BuiltDisk.diskFile());
    if (!Files.isRegularFile(raw)) {
      return Optional.empty();
    }
    return table(b.tools().run("sfdisk", List.of("--json", raw.toString())))
        .map(
            t -> {
              JsonArray parts =
                  t.has("partitions") ? t.getAsJsonArray("partitions") : new JsonArray();
              List<String> uuids = new java.util.ArrayList<>();
              for (JsonElement e : parts) {
                uuids.add(lower(string(e.getAsJsonObject(), "uuid")));
              }
              return uuids;
            });
  }

  private static void compare(
      BuildOutput b, int number, BuiltDisk.Part want, JsonObject got, long sector) {
    SourceSpan at = b.origins().inSpecOr(want.origin(), PHASE);
    String which = "partition " + number + " of `disk.raw`";
    String label = Optional.ofNullable(string(got, "name")).orElse("");
    differ(b, at, which, "label", label, want.label());
    differ(
        b,
        at,
        which + " (`" + want.label() + "`)",
        "type GUID",
        lower(string(got, "type")),
        lower(want.typeGuid()));
    long start = got.get("start").getAsLong() * sector;
    long size = got.get("size").getAsLong() * sector;
    differ(
        b, at, which + " (`" + want.label() + "`)", "offset", bytes(start), bytes(want.offset()));
    differ(b, at, which + " (`" + want.label() + "`)", "size", bytes(size), bytes(want.size()));
    Optional<String> uuid = want.uuid();
    if (want.fromRootHash().isPresent()) {
      BuiltDisk.RootHashUuid r = want.fromRootHash().get();
      Optional<String> hash = b.rootHash(r.rootHashFile());
      if (hash.isEmpty() || hash.get().length() < 64) {
        missing(b, at, "images/" + r.rootHashFile());
        return;
      }
      String h = hash.get();
      uuid =
          Optional.of(
              switch (r.half()) {
                case DATA -> BuildOutput.uuid(h.substring(0, 32));
                case HASH -> BuildOutput.uuid(h.substring(h.length() - 32));
                case SIGNATURE -> BuildOutput.uuid(BuildOutput.sha256(h).substring(0, 32));
              });
    }
    if (uuid.isPresent()) {
      differ(
          b,
          at,
          which + " (`" + want.label() + "`)",
          "UUID" + want.fromRootHash().map(r -> " (from `" + r.rootHashFile() + "`)").orElse(""),
          lower(string(got, "uuid")),
          lower(uuid.get()));
    }
  }

  private static void differ(
      BuildOutput b, SourceSpan at, String which, String what, String got, String want) {
    if (!want.equals(got)) {
      b.findings()
          .add(
              Code.VERIFY_GPT_MISMATCH,
              at,
              which + " has " + what + " `" + got + "`; the spec gives `" + want + "`",
              "the spec's partition",
              "the "
                  + what
                  + " in disk.raw's partition table should be `"
                  + want
                  + "`: the disk"
                  + " was changed after the build, or built from another spec");
    }
  }

  static void missing(BuildOutput b, SourceSpan at, String file) {
    b.findings()
        .add(
            Code.VERIFY_OUTPUT_INCOMPLETE,
            at,
            "`" + file + "` is missing from the build output",
            "the build makes it",
            "give applc verify the output folder of a finished applc build of this spec");
  }

  private static String string(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }

  private static String bytes(long n) {
    return n + " bytes";
  }
}
