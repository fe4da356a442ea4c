package dev.applc.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which user a build runs as, read from /proc/self/status (the test that an ordinary user is
 * refused runs {@code applc build} and lives in cli).
 */
class PrivilegesTest {
  @TempDir Path tmp;

  @Test
  void theEffectiveUserCounts() throws Exception {
    Path status = tmp.resolve("status");
    Files.writeString(status, "Name:\tjava\nUid:\t1000\t0\t0\t0\nGid:\t1000\t1000\t1000\t1000\n");
    assertEquals(Optional.of(0L), Privileges.effectiveUid(status));
    Files.writeString(status, "Uid:\t0\t1000\t1000\t1000\n");
    assertEquals(Optional.of(1000L), Privileges.effectiveUid(status));
  }
}
