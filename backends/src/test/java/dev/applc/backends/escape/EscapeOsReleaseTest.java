package dev.applc.backends.escape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** os-release values read back as written by a shell, which is how os-release(5) says to read. */
class EscapeOsReleaseTest {
  @TempDir Path tmp;

  @Test
  void everyCharacterMeansItselfWhenTheFileIsSourced() throws Exception {
    String value = "a \"b\" $c `d` \\e 'f'";
    Path file = tmp.resolve("os-release");
    Files.writeString(file, "IMAGE_VERSION=" + Escape.osRelease(value) + "\n");
    Process p =
        new ProcessBuilder(
                "bash", "-c", ". \"$1\" && printf '%s' \"$IMAGE_VERSION\"", "-", "" + file)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
    assertEquals(value, out);
    assertEquals(
        List.of("IMAGE_VERSION=\"1.2.0\""), List.of("IMAGE_VERSION=" + Escape.osRelease("1.2.0")));
  }
}
