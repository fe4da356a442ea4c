package dev.applc.backends.phases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.backend.OutputTree;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every partition of a verity slot gets a UUID that follows from its version's root hash, the
 * signature partition too: a fixed UUID would repeat in every version, and once an update writes
 * the other slot the disk would hold two partitions with one PARTUUID. The disk phase and the
 * update artifacts use the same derivation, so the UUID in an artifact's name is the one the built
 * disk has.
 */
class PhasesVerityUuidTest {
  @TempDir Path tmp;

  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  @Test
  void theSignaturePartitionsUuidFollowsTheRootHashOnTheDiskAndInTheArtifacts() throws Exception {
    OutputTree tree = PhasesSpecs.tree("rpi4-sysupdate");
    String disk = tree.get("build/phases/80-disk.sh").orElseThrow().text();
    String bundle = tree.get("build/phases/90-bundle.sh").orElseThrow().text();
    String sigDefinition = disk.substring(disk.indexOf("'Type=c23ce4ff"));
    sigDefinition = sigDefinition.substring(0, sigDefinition.indexOf(">\"$definitions\""));
    assertTrue(sigDefinition.contains("\"UUID=$usr_sig_uuid\""), sigDefinition);
    assertTrue(bundle.contains("usr-verity-sig.'\"$usr_sig_uuid\"'.raw.gz'"), bundle);

    String derivation = line(disk, "usr_sig_uuid=");
    assertEquals(derivation, line(bundle, "usr_sig_uuid="), "one derivation in both phases");
    String first = derive(derivation, "ab".repeat(32));
    String second = derive(derivation, "cd".repeat(32));
    assertTrue(UUID.matcher(first).matches(), first);
    assertTrue(UUID.matcher(second).matches(), second);
    assertNotEquals(first, second, "two versions, two signature partition UUIDs");
    assertEquals(first, derive(derivation, "ab".repeat(32)), "the same version, the same UUID");
  }

  private String derive(String derivation, String rootHash) throws Exception {
    return PhasesSpecs.ok(
            tmp,
            List.of(
                "bash",
                "-c",
                "usr_hash=$1; " + derivation + "; printf '%s' \"$usr_sig_uuid\"",
                "-",
                rootHash),
            Map.of("PATH", System.getenv("PATH")))
        .strip();
  }

  private static String line(String script, String start) {
    return script
        .lines()
        .filter(l -> l.startsWith(start))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + start + " in\n" + script));
  }
}
