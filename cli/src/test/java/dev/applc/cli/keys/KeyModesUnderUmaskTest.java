package dev.applc.cli.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * `applc keys` in its own process under a umask that gives away everything (000) or nothing (0777):
 * the keys folder is 0700, private keys 0600 and certificates 0644 all the same.
 */
class KeyModesUnderUmaskTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"000", "0777", "022"})
  void modesDoNotDependOnTheUmask(String umask) throws Exception {
    Path spec = dir.resolve("demo.appliance");
    Files.writeString(
        spec,
        KeysCommandTest.SPEC.replace("KEYRING", "\"keys/rauc-ca.pem\""),
        StandardCharsets.UTF_8);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Cli.Run run =
        Cli.exec(
            dir,
            "sh",
            "-c",
            "umask "
                + umask
                + " && exec \"$0\" -XX:-UsePerfData -cp \"$1\" dev.applc.cli.Main keys"
                + " --color=never \"$2\"",
            java,
            System.getProperty("java.class.path"),
            spec.toString());
    assertEquals(0, run.exit(), run.all());

    Map<String, String> modes = new LinkedHashMap<>();
    modes.put("keys", "rwx------");
    modes.put("keys/rauc-ca.key", "rw-------");
    modes.put("keys/rauc-ca.pem", "rw-r--r--");
    modes.put("keys/db.key", "rw-------");
    modes.put("keys/db.crt", "rw-r--r--");
    modes.put("keys/verity.key", "rw-------");
    modes.put("keys/verity.crt", "rw-r--r--");
    for (Map.Entry<String, String> e : modes.entrySet()) {
      Path file = dir.resolve(e.getKey());
      assertTrue(Files.exists(file), e.getKey() + " missing:\n" + run.all());
      assertEquals(
          e.getValue(),
          PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
          e.getKey() + " under umask " + umask);
    }
    assertTrue(run.all().contains("private key, mode 0600"), run.all());
    // The spec's folder existed before: applc leaves its mode alone.
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
  }
}
