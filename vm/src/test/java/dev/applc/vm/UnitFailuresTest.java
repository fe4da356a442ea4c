package dev.applc.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Consoles in systemd 252's format (Debian bookworm): colours, the combined "unit - description"
 * form, the start-job spinner that a status line overwrites with a carriage return, and journal
 * lines forwarded to the console.
 */
class UnitFailuresTest {
  @Test
  void aBrokenBootNamesEachFailedUnitOnceInOrder() throws IOException {
    List<UnitFailures.Failure> failures = UnitFailures.in(console("boot-with-failed-units"));
    assertEquals(
        List.of(
            "data.mount",
            "local-fs.target",
            "dev-vdb1.device",
            "signage-session.service",
            "applc-mark-good.service"),
        failures.stream().map(UnitFailures.Failure::unit).toList());
    assertEquals("[FAILED] Failed to mount data.mount - /data.", failures.get(0).line());
    assertEquals(
        "[DEPEND] Dependency failed for local-fs.target - Local File Systems.",
        failures.get(1).line());
    assertEquals(
        "[ TIME ] Timed out waiting for device dev-vdb1.device - /dev/vdb1.",
        failures.get(2).line());
    assertEquals(
        "systemd[1]: applc-mark-good.service: Failed with result 'dependency'.",
        failures.get(4).line());
  }

  @Test
  void aCleanBootHasNone() throws IOException {
    assertEquals(List.of(), UnitFailures.in(console("clean-boot")));
  }

  @Test
  void whatFailsWhileShuttingDownDoesNotCount() {
    assertEquals(
        Optional.empty(), UnitFailures.recognise("[FAILED] Failed unmounting var.mount - /var."));
    assertEquals(
        Optional.empty(),
        UnitFailures.recognise("[ TIME ] Timed out stopping applc-kiosk.service - Kiosk."));
    assertEquals(
        Optional.empty(),
        UnitFailures.recognise("See 'systemctl status signage-session.service' for details."));
  }

  @Test
  void withOnlyDescriptionsTheDescriptionNamesTheUnit() {
    assertEquals(
        Optional.of(
            new UnitFailures.Failure(
                "Network Configuration", "[FAILED] Failed to start Network Configuration.")),
        UnitFailures.recognise("[FAILED] Failed to start Network Configuration.\r"));
  }

  @Test
  void linesSplitAcrossReadsAreJoined() {
    UnitFailures watch = new UnitFailures();
    byte[] bytes =
        "[FAILED] Failed to start kiosk.service - Kiosk.\r\n".getBytes(StandardCharsets.UTF_8);
    watch.accept(bytes, 0, 10);
    assertTrue(watch.failures().isEmpty());
    watch.accept(bytes, 10, bytes.length - 10);
    assertEquals("kiosk.service", watch.failures().get(0).unit());
  }

  private static String console(String name) throws IOException {
    try (InputStream in = UnitFailuresTest.class.getResourceAsStream(name + ".console")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
