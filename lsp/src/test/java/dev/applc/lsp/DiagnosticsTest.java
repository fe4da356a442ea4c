package dev.applc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diagnostics as you type: the same problems as {@code applc check}, at the same places. */
class DiagnosticsTest {
  @TempDir Path dir;

  private static Range range(int line, int column, int endLine, int endColumn) {
    return new Range(new Position(line, column), new Position(endLine, endColumn));
  }

  @Test
  void aCleanSpecHasNoDiagnostics() throws Exception {
    try (LspSession lsp = new LspSession()) {
      String uri = lsp.open(dir.resolve("kiosk.appliance"), Specs.KIOSK);
      assertEquals(List.of(), lsp.diagnostics(uri));
    }
  }

  @Test
  void aMisspelledPropertyHasItsCodeRangeAndHelp() throws Exception {
    try (LspSession lsp = new LspSession()) {
      String uri =
          lsp.open(dir.resolve("kiosk.appliance"), Specs.KIOSK.replace("size = 8G", "sise = 8G"));
      List<Diagnostic> diagnostics = lsp.diagnostics(uri);
      assertEquals(1, diagnostics.size(), diagnostics.toString());
      Diagnostic d = diagnostics.get(0);
      assertEquals("APL0100", d.getCode().getLeft());
      assertEquals("applc", d.getSource());
      assertEquals(DiagnosticSeverity.Error, d.getSeverity());
      assertEquals(range(17, 4, 17, 8), d.getRange());
      assertEquals(
          "unknown property `sise` in `disk`\nhelp: did you mean `size`?",
          d.getMessage().getLeft());
    }
  }

  /**
   * Issue 14: what only the backends know (here, that mkosi 14 has no profiles) was missing in the
   * editor and appeared at compile; the language server reports it as {@code applc check} does.
   */
  @Test
  void whatTheTargetsToolsCannotDoIsReported() throws Exception {
    try (LspSession lsp = new LspSession()) {
      String text =
          Specs.KIOSK.replace(
              "user kiosk { groups = [video, input] }",
              "user kiosk { groups = [video, input] }\n    tools { mkosi = 14 }");
      String uri = lsp.open(dir.resolve("kiosk.appliance"), text);
      List<Diagnostic> diagnostics = lsp.diagnostics(uri);
      assertEquals(1, diagnostics.size(), diagnostics.toString());
      assertEquals("APL0601", diagnostics.get(0).getCode().getLeft());
      assertTrue(diagnostics.get(0).getMessage().getLeft().contains("mkosi 14 has no profiles"));
    }
  }

  @Test
  void incompleteTextGetsSyntaxErrorsOnly() throws Exception {
    try (LspSession lsp = new LspSession()) {
      String text = Specs.KIOSK.replace("tries = 3;", "tries = ;");
      String uri = lsp.open(dir.resolve("kiosk.appliance"), text);
      List<Diagnostic> diagnostics = lsp.diagnostics(uri);
      assertEquals(1, diagnostics.size(), diagnostics.toString());
      assertEquals("APL0001", diagnostics.get(0).getCode().getLeft());
      assertEquals(range(28, 23, 28, 24), diagnostics.get(0).getRange());
    }
  }

  @Test
  void relatedPlacesBecomeRelatedInformation() throws Exception {
    try (LspSession lsp = new LspSession()) {
      String text =
          Specs.KIOSK.replace(
              "key verity { path = \"keys/verity\" }",
              "key verity { path = \"keys/verity\" }\n  profile dev { ssh = off }");
      String uri = lsp.open(dir.resolve("kiosk.appliance"), text);
      List<Diagnostic> diagnostics = lsp.diagnostics(uri);
      assertEquals(1, diagnostics.size(), diagnostics.toString());
      Diagnostic d = diagnostics.get(0);
      assertEquals("APL0103", d.getCode().getLeft());
      assertEquals(range(32, 2, 32, 13), d.getRange());
      List<DiagnosticRelatedInformation> related = d.getRelatedInformation();
      assertEquals(1, related.size());
      assertEquals(uri, related.get(0).getLocation().getUri());
      assertEquals(range(25, 2, 25, 13), related.get(0).getLocation().getRange());
      assertEquals("first defined here", related.get(0).getMessage());
    }
  }

  @Test
  void anEditIsCheckedAndAFixClearsTheDiagnostics() throws Exception {
    try (LspSession lsp = new LspSession()) {
      String uri = lsp.open(dir.resolve("kiosk.appliance"), Specs.KIOSK);
      assertEquals(List.of(), lsp.diagnostics(uri));
      lsp.change(uri, Specs.KIOSK.replace("board      = x86_64-uefi", "board      = x86-uefi"));
      List<Diagnostic> broken = lsp.diagnostics(uri);
      assertEquals(List.of("APL0107"), broken.stream().map(d -> d.getCode().getLeft()).toList());
      lsp.change(uri, Specs.KIOSK);
      assertEquals(List.of(), lsp.diagnostics(uri));
    }
  }

  @Test
  void quickEditsArePublishedOnceForTheLastVersion() throws Exception {
    try (LspSession lsp = new LspSession(java.time.Duration.ofMillis(300))) {
      String uri = lsp.open(dir.resolve("kiosk.appliance"), Specs.KIOSK);
      for (int i = 0; i < 5; i++) {
        lsp.change(uri, Specs.KIOSK.replace("1.0.0", "1.0." + i));
      }
      assertEquals(List.of(), lsp.diagnostics(uri));
      List<Integer> versions =
          lsp.client.all(uri).stream().map(PublishDiagnosticsParams::getVersion).toList();
      assertEquals(List.of(6), versions);
    }
  }

  @Test
  void problemsOfAnImportedLocalFileGoToThatFile() throws Exception {
    try (LspSession lsp = new LspSession()) {
      Path layout = dir.resolve("mine.appliance");
      java.nio.file.Files.writeString(layout, Specs.LAYOUT.replace("size = 256M", "size = 256"));
      String uri = lsp.open(dir.resolve("box.appliance"), Specs.USES_LAYOUT);
      assertEquals(List.of(), lsp.diagnostics(uri));
      List<Diagnostic> imported = lsp.client.await(LspSession.uri(layout), 0).getDiagnostics();
      assertEquals(1, imported.size(), imported.toString());
      assertEquals("APL0105", imported.get(0).getCode().getLeft());
      assertEquals(range(5, 11, 5, 14), imported.get(0).getRange());
      assertTrue(imported.get(0).getMessage().getLeft().contains("help: write the unit"));
    }
  }
}
