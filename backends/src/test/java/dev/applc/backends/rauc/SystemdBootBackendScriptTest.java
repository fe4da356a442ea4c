package dev.applc.backends.rauc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated backend script of minimal-signed, run with bash on an ESP in a folder, through an
 * update, a rollback and an install cut off half-way. systemd-boot's part is played by {@link
 * #boot()}, which follows its source: entries with no tries left sort last, then by id, highest
 * first (the entries have no sort-key); the first one matching {@code default NAME-*} boots and a
 * counted one loses a try. The real systemd-boot plays it in `applc test`.
 */
class SystemdBootBackendScriptTest {
  private static final Pattern ENTRY =
      Pattern.compile("minimal-signed-(\\d+)-([a-z])(?:\\+(\\d+)(?:-(\\d+))?)?\\.conf");

  @TempDir Path tmp;
  private Path script;
  private Path entries;

  @BeforeEach
  void factoryEsp() throws IOException {
    script = tmp.resolve("backend");
    Files.writeString(
        script,
        Specs.generate("minimal-signed")
            .get("rootfs" + SystemdBootSlots.BACKEND)
            .orElseThrow()
            .text(),
        StandardCharsets.UTF_8);
    entries = Files.createDirectories(tmp.resolve("esp/loader/entries"));
    Files.createDirectories(tmp.resolve("esp/EFI/minimal-signed"));
    Files.writeString(tmp.resolve("esp/EFI/minimal-signed/a.efi"), "A");
    // What the ESP phase writes.
    Files.writeString(entries.resolve("minimal-signed-1-a+3.conf"), "title A\n");
  }

  @Test
  void updateRollbackAndAnInterruptedInstall() throws Exception {
    assertEquals("A", backend("get-primary"));
    assertEquals("good", backend("get-state", "A"));
    assertEquals("bad", backend("get-state", "B"), "slot B is empty on a new disk");
    assertEquals("a", boot());
    backend("set-state", "A", "good"); // mark-good gives the tries back
    assertEquals(List.of("minimal-signed-1-a+3.conf"), names());

    // An update to B: RAUC marks it bad, writes it (the hook copies its kernel), makes it primary.
    backend("set-state", "B", "bad");
    assertNotEquals(0, exit("set-primary", "B"), "no kernel image for B yet");
    Files.writeString(tmp.resolve("esp/EFI/minimal-signed/b.efi"), "B");
    backend("set-primary", "B");
    assertEquals("B", backend("get-primary"));
    assertEquals("b", boot());
    backend("set-state", "B", "good");
    assertEquals(List.of("minimal-signed-1-a+3.conf", "minimal-signed-2-b+3.conf"), names());

    // A broken version in A: three boots without mark-good, then B again by itself.
    backend("set-state", "A", "bad");
    backend("set-primary", "A");
    assertEquals("A", backend("get-primary"));
    assertEquals(List.of("a", "a", "a", "b"), List.of(boot(), boot(), boot(), boot()));
    assertEquals("bad", backend("get-state", "A"));
    assertEquals("B", backend("get-primary"));

    // Power cut during the next install into A: A was marked bad first and stays unbootable.
    backend("set-state", "A", "bad");
    assertEquals("b", boot());
    assertEquals("B", backend("get-primary"));

    // A good slot that stops booting (a damaged root) falls back too: every boot counts.
    backend("set-primary", "A");
    backend("set-state", "A", "good");
    assertEquals(List.of("a", "a", "a", "b"), List.of(boot(), boot(), boot(), boot()));
  }

  /** systemd-boot: picks the entry, counts a try down; returns the slot it booted. */
  private String boot() throws IOException {
    List<String> sorted =
        names().stream()
            .sorted(
                Comparator.comparing((String n) -> triesLeft(n) == 0)
                    .thenComparing(
                        (String x, String y) -> Integer.compare(generation(y), generation(x))))
            .toList();
    String chosen = sorted.get(0);
    Matcher m = ENTRY.matcher(chosen);
    m.matches();
    if (m.group(3) != null) {
      int left = Integer.parseInt(m.group(3));
      int done = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
      String next =
          "minimal-signed-"
              + m.group(1)
              + "-"
              + m.group(2)
              + "+"
              + Math.max(0, left - 1)
              + "-"
              + (done + 1)
              + ".conf";
      Files.move(entries.resolve(chosen), entries.resolve(next));
    }
    return m.group(2);
  }

  private static int triesLeft(String name) {
    Matcher m = ENTRY.matcher(name);
    m.matches();
    return m.group(3) == null ? -1 : Integer.parseInt(m.group(3));
  }

  private static int generation(String name) {
    Matcher m = ENTRY.matcher(name);
    m.matches();
    return Integer.parseInt(m.group(1));
  }

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(entries)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private String backend(String... args) throws Exception {
    Process p = start(args);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, p.waitFor(), String.join(" ", args) + ": " + out);
    return out;
  }

  private int exit(String... args) throws Exception {
    Process p = start(args);
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }

  private Process start(String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("APPLC_ESP", tmp.resolve("esp").toString());
    return pb.start();
  }
}
