package dev.applc.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.backend.OutputWriter;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk the build makes is the disk {@code applc show} describes: the real 80-disk phase of
 * every spec that builds a disk runs systemd-repart on a sparse file (images stand in as small
 * files of zeros, which {@code CopyBlocks=} copies), and every partition of the GPT it writes, read
 * back with sfdisk, starts and ends where {@code applc show --format json} says. Partitions made on
 * the device (encrypted ones) are not on the built disk.
 */
class BuiltDiskMatchesShowTest {
  private static final long SECTOR = 512;

  private static final Pattern ROOT_HASH =
      Pattern.compile("\"\\$WORK\"/'(images/[^']+\\.roothash)'");
  private static final Pattern WORK_IMAGE = Pattern.compile("\"CopyBlocks=\\$WORK/\"'([^']+)'");
  private static final Pattern SPEC_FILE = Pattern.compile("\"CopyBlocks=\\$SPEC_DIR/\"'([^']+)'");

  @TempDir Path tmp;

  /** A partition's place: where it starts and how many bytes it has. */
  record Place(long offset, long size) {}

  @TestFactory
  Stream<DynamicTest> everyPartitionIsWhereShowSaysItIs() {
    return SpecFolders.all().stream()
        .map(folder -> DynamicTest.dynamicTest(folder, () -> check(folder)));
  }

  private void check(String folder) throws Exception {
    Tools.require("systemd-repart");
    Tools.require("sfdisk");
    OutputTree tree = GoldenOutputTest.generate(folder);
    String phase = "build/phases/80-disk.sh";
    if (tree.get(phase).isEmpty()) {
      return; // the spec builds no disk
    }
    Path run = Files.createDirectories(tmp.resolve(folder.substring(folder.indexOf('/') + 1)));
    Path config = run.resolve("config");
    OutputWriter.write(tree, config);
    Path work = Files.createDirectories(run.resolve("work"));
    Path spec = Files.createDirectories(run.resolve("spec"));
    String script = Files.readString(config.resolve(phase));
    for (String hash : all(ROOT_HASH, script)) {
      write(work.resolve(hash), "ab".repeat(32) + "\n");
    }
    for (String image : all(WORK_IMAGE, script)) {
      zeros(work.resolve(image));
    }
    for (String file : all(SPEC_FILE, script)) {
      zeros(spec.resolve(file));
    }
    Map<String, String> env = new HashMap<>();
    env.put("CONFIG", config.toString());
    env.put("SPEC_DIR", spec.toString());
    env.put("KEYS", spec.toString());
    env.put("WORK", work.toString());
    env.put("SOURCE_DATE_EPOCH", "0");
    Tools.Outcome built = Tools.run(run, env, "bash", config.resolve(phase).toString());
    assertEquals(0, built.exit(), built.output());

    Tools.Outcome table =
        Tools.run(run, "sfdisk", "--json", work.resolve("images/disk.raw").toString());
    assertEquals(0, table.exit(), table.output());
    List<Place> onDisk = new ArrayList<>();
    for (JsonElement e :
        JsonParser.parseString(table.output())
            .getAsJsonObject()
            .getAsJsonObject("partitiontable")
            .getAsJsonArray("partitions")) {
      JsonObject p = e.getAsJsonObject();
      onDisk.add(
          new Place(p.get("start").getAsLong() * SECTOR, p.get("size").getAsLong() * SECTOR));
    }
    assertEquals(shown(folder), onDisk, folder + ": the built disk's partitions");
  }

  /** The partitions {@code applc show --format json} places on the built disk, in disk order. */
  private static List<Place> shown(String folder) {
    CliTest.Run r =
        CliTest.run(
            "show",
            "--format=json",
            SpecFolders.repoRoot().resolve(SpecFolders.specFile(folder)).toString());
    assertEquals(0, r.exit(), r.err());
    List<Place> out = new ArrayList<>();
    JsonObject model = JsonParser.parseString(r.out()).getAsJsonObject();
    JsonElement generator =
        model.getAsJsonObject("boot").getAsJsonObject("initrd").get("generator");
    boolean systemdInitrd = !generator.isJsonNull() && generator.getAsString().equals("dracut");
    for (JsonElement e : model.getAsJsonObject("disk").getAsJsonArray("partitions")) {
      JsonObject p = e.getAsJsonObject();
      String contents = p.getAsJsonObject("contents").get("kind").getAsString();
      boolean holdsOs = contents.equals("os") || contents.equals("usr");
      if (!p.get("encryption").isJsonNull() && !(holdsOs && systemdInitrd)) {
        continue; // made by systemd-repart on the device; an OS one is encrypted in place
      }
      out.add(new Place(p.get("offset").getAsLong(), p.get("allocated").getAsLong()));
    }
    assertTrue(!out.isEmpty(), folder + ": no partitions shown");
    return out;
  }

  private static List<String> all(Pattern p, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static void write(Path p, String text) throws Exception {
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  /** A small image of zeros: CopyBlocks= copies it into the start of its partition. */
  private static void zeros(Path p) throws Exception {
    Files.createDirectories(p.getParent());
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(4096);
    }
  }
}
