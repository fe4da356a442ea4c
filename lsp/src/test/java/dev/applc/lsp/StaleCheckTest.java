package dev.applc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newer edit makes the check of an older text stale: it stops at its next step, and its
 * diagnostics are never published. Each test holds the check of version 2 at one of its steps,
 * sends version 3, and lets the check go on.
 */
class StaleCheckTest {
  @TempDir Path dir;

  private static final String MISSPELLED = Specs.KIOSK.replace("size = 8G", "sise = 8G");

  @Test
  void aNewerEditStopsTheCheckOfTheOlderText() throws Exception {
    try (LspSession lsp = new LspSession(Duration.ZERO)) {
      String uri = lsp.open(dir.resolve("kiosk.appliance"), Specs.KIOSK);
      assertEquals(List.of(), lsp.diagnostics(uri));
      int stoppedBefore = lsp.workspace().stoppedChecks.get();

      editWhileHeld(lsp, uri, "compile");

      assertEquals(List.of(), lsp.diagnostics(uri));
      assertEquals(List.of(1, 3), versions(lsp, uri), "version 2 was published");
      assertEquals(
          stoppedBefore + 1,
          lsp.workspace().stoppedChecks.get(),
          "the check of version 2 ran on instead of stopping");
    }
  }

  @Test
  void aCheckThatFinishedAfterANewerEditPublishesNothing() throws Exception {
    try (LspSession lsp = new LspSession(Duration.ZERO)) {
      String uri = lsp.open(dir.resolve("kiosk.appliance"), Specs.KIOSK);
      assertEquals(List.of(), lsp.diagnostics(uri));

      editWhileHeld(lsp, uri, "publish");

      assertEquals(List.of(), lsp.diagnostics(uri));
      assertEquals(List.of(1, 3), versions(lsp, uri), "version 2 was published");
    }
  }

  /** Typing fast: every edit checked at once, and what arrives is in order and ends current. */
  @Test
  void quickEditsPublishInOrderAndEndWithTheLatest() throws Exception {
    try (LspSession lsp = new LspSession(Duration.ZERO)) {
      String uri = lsp.open(dir.resolve("kiosk.appliance"), Specs.KIOSK);
      assertEquals(List.of(), lsp.diagnostics(uri));
      for (int i = 0; i < 30; i++) {
        lsp.change(uri, i % 2 == 0 ? MISSPELLED : Specs.KIOSK);
      }
      lsp.change(uri, MISSPELLED);
      assertEquals(1, lsp.diagnostics(uri).size());
      List<Integer> versions = versions(lsp, uri);
      assertEquals(lsp.version(uri), versions.get(versions.size() - 1));
      assertEquals(versions.stream().sorted().distinct().toList(), versions, "out of order");
    }
  }

  /**
   * Holds the worker at the first {@code stage} of the check of version 2 (a misspelling), sends
   * version 3 (the clean text) and waits until the server has it, then lets the check go on.
   */
  private static void editWhileHeld(LspSession lsp, String uri, String stage) throws Exception {
    CountDownLatch reached = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean holding = new AtomicBoolean(true);
    lsp.workspace().atCheckpoint =
        s -> {
          if (s.equals(stage) && holding.getAndSet(false)) {
            reached.countDown();
            await(release);
          }
        };
    assertEquals(2, lsp.change(uri, MISSPELLED));
    assertTrue(reached.await(LspSession.TIMEOUT_SECONDS, TimeUnit.SECONDS), "no check started");
    assertEquals(3, lsp.change(uri, Specs.KIOSK));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LspSession.TIMEOUT_SECONDS);
    while (lsp.workspace().documents.get(uri).orElseThrow().version() != 3) {
      assertTrue(System.nanoTime() < deadline, "the server did not get version 3");
      Thread.sleep(1);
    }
    release.countDown();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(LspSession.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<Integer> versions(LspSession lsp, String uri) {
    return lsp.client.all(uri).stream().map(PublishDiagnosticsParams::getVersion).toList();
  }
}
