package dev.applc.lifecycle;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When `applc test` takes the good-when unit to be up, from what {@code systemctl show
 * --property=Type,ActiveState,Result,NRestarts} prints in the guest (systemd 252 and 257).
 */
class HealthUpTest {
  @Test
  void aRunningServiceThatNeverRestartedIsUp() {
    assertTrue(
        Scenarios.healthy(
            List.of("Type=simple", "Result=success", "NRestarts=0", "ActiveState=active")));
  }

  @Test
  void aOneshotThatRanIsUp() {
    assertTrue(
        Scenarios.healthy(
            List.of("Type=oneshot", "Result=success", "NRestarts=0", "ActiveState=inactive")));
  }

  /** A kiosk session crashing in a loop: never "failed", always coming back. */
  @Test
  void aServiceThatRestartedIsNotUpEvenWhenActiveNow() {
    assertFalse(
        Scenarios.healthy(
            List.of("Type=simple", "Result=success", "NRestarts=2", "ActiveState=active")));
    assertFalse(
        Scenarios.healthy(
            List.of("Type=simple", "Result=exit-code", "NRestarts=1", "ActiveState=activating")));
  }

  @Test
  void aStoppedOrFailedServiceIsNotUp() {
    assertFalse(
        Scenarios.healthy(
            List.of("Type=simple", "Result=success", "NRestarts=0", "ActiveState=inactive")));
    assertFalse(
        Scenarios.healthy(
            List.of("Type=oneshot", "Result=exit-code", "NRestarts=0", "ActiveState=failed")));
    assertFalse(Scenarios.healthy(List.of()));
  }
}
