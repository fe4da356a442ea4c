package dev.applc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Completion: what may be written at the cursor, from the schema and the names in scope. */
class CompletionTest {
  @TempDir Path dir;
  private LspSession lsp;

  @BeforeEach
  void start() throws Exception {
    lsp = new LspSession();
  }

  @AfterEach
  void stop() throws Exception {
    lsp.close();
  }

  /** The items offered where {@code |} marks the cursor in the kiosk spec with one edit. */
  private List<CompletionItem> items(String marked) throws Exception {
    LspSession.Cursor cursor = LspSession.Cursor.of(marked);
    String uri = lsp.openUnsaved(dir.resolve("kiosk.appliance"), cursor.text());
    return lsp.server
        .getTextDocumentService()
        .completion(new CompletionParams(new TextDocumentIdentifier(uri), cursor.position()))
        .get(LspSession.TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .getRight()
        .getItems();
  }

  private List<String> labels(String marked) throws Exception {
    return items(marked).stream().map(CompletionItem::getLabel).toList();
  }

  private static String kiosk(String find, String replace) {
    if (!Specs.KIOSK.contains(find)) {
      throw new IllegalArgumentException(find);
    }
    return Specs.KIOSK.replace(find, replace);
  }

  @Test
  void propertiesAndBlocksOfAPartitionThatAreNotSetYet() throws Exception {
    List<String> labels = labels(kiosk("partition esp { size = 512M }", "partition esp { | }"));
    assertEquals(
        List.of(
            "type",
            "size",
            "min-size",
            "format",
            "label",
            "read-only",
            "grow-filesystem",
            "verity",
            "verity-size",
            "contents",
            "mount",
            "mount-options",
            "factory-reset",
            "encryption",
            "subvolume"),
        labels);
    assertFalse(
        labels(kiosk("partition esp { size = 512M }", "partition esp { size = 512M; | }"))
            .contains("size"));
  }

  @Test
  void aPropertyIsInsertedWithItsEqualsSignOverTheWordTyped() throws Exception {
    List<CompletionItem> items =
        items(kiosk("partition esp { size = 512M }", "partition esp { si| }"));
    assertEquals(List.of("size"), items.stream().map(CompletionItem::getLabel).toList());
    TextEdit edit = items.get(0).getTextEdit().getLeft();
    assertEquals("size = ", edit.getNewText());
    assertEquals(new Range(new Position(18, 20), new Position(18, 22)), edit.getRange());
    assertEquals(
        "`size` in `partition`: a size such as `512M` or `1.5G`, or `grow` (required)\n\n"
            + "A fixed size, or `grow`.",
        items.get(0).getDocumentation().getRight().getValue());
  }

  @Test
  void blocksOfTheApplianceByPrefix() throws Exception {
    assertEquals(
        List.of("kernel", "key"),
        labels(kiosk("  profile dev { ssh = on }", "  profile dev { ssh = on }\n  ke|")));
  }

  @Test
  void topLevelDeclarationsAndImport() throws Exception {
    assertEquals(
        List.of("import", "appliance", "board", "layout", "package-set"), labels("applc 1\n\n|\n"));
  }

  @Test
  void choicesOfTheProperty() throws Exception {
    assertEquals(
        List.of("vfat", "ext4", "btrfs", "xfs", "squashfs", "erofs", "swap", "none"),
        labels(kiosk("partition esp { size = 512M }", "partition esp { format = | }")));
    assertEquals(
        List.of("squashfs"),
        labels(kiosk("partition esp { size = 512M }", "partition esp { format = sq| }")));
    assertEquals(
        List.of("on", "off"), labels(kiosk("profile dev { ssh = on }", "profile dev { ssh = | }")));
  }

  @Test
  void aValueRightAfterTheEqualsSignGetsASpace() throws Exception {
    List<CompletionItem> items =
        items(kiosk("partition esp { size = 512M }", "partition esp { size =| }"));
    assertEquals(List.of("grow"), items.stream().map(CompletionItem::getLabel).toList());
    assertEquals(" grow", items.get(0).getTextEdit().getLeft().getNewText());
  }

  @Test
  void unitsAfterANumber() throws Exception {
    assertEquals(
        List.of("25K", "25M", "25G", "25T", "25B"),
        labels(kiosk("partition esp { size = 512M }", "partition esp { size = 25| }")));
    assertEquals(
        List.of("1.5G"),
        labels(kiosk("partition esp { size = 512M }", "partition esp { size = 1.5G| }")));
    assertEquals(
        List.of("3s", "3min", "3h", "3ms", "3d"),
        labels(
            kiosk("unit kiosk-health.service {", "unit kiosk-health.service { restart-sec = 3|")));
  }

  @Test
  void standardLibraryImports() throws Exception {
    assertEquals(
        List.of(
            "std:boards/qemu-x86_64",
            "std:boards/rpi4",
            "std:boards/rpi400-uboot",
            "std:boards/x86_64-uefi"),
        labels(kiosk("import std:boards/x86_64-uefi", "import std:bo|")));
    assertTrue(
        labels(kiosk("import std:boards/x86_64-uefi", "import |"))
            .contains("std:layouts/ab-root-rauc"));
  }

  @Test
  void boardsInScope() throws Exception {
    assertEquals(
        List.of("x86_64-uefi"), labels(kiosk("board      = x86_64-uefi", "board      = |")));
  }

  @Test
  void keysInScope() throws Exception {
    assertEquals(List.of("verity"), labels(kiosk("verity = signed(verity)", "verity = signed(|)")));
    assertEquals(
        List.of("off", "on", "signed", "signed(verity)"),
        labels(kiosk("verity = signed(verity)", "verity = |")));
    assertEquals(
        List.of("verity"), labels(kiosk("update rauc {", "update rauc {\n    signing-key = |")));
  }

  @Test
  void packageSetsInScope() throws Exception {
    String text =
        kiosk(
                "import std:layouts/ab-verity-root",
                "import std:layouts/ab-verity-root\nimport std:packages/arch-audio")
            .replace(
                "packages = [linux-image-amd64,",
                "package-sets = [arch-|]\n    packages = [linux-image-amd64,");
    assertEquals(List.of("arch-audio"), labels(text));
  }

  @Test
  void unitsDefinedInTheSpecComeFirst() throws Exception {
    List<String> offered = labels(kiosk("good-when = kiosk-health.service", "good-when = |"));
    assertEquals("kiosk-health.service", offered.get(0), offered.toString());
  }

  /**
   * `good-when` offers what the checker accepts without APL0502: also the session's unit, which the
   * spec makes applc generate, and the standard targets.
   */
  @Test
  void goodWhenOffersTheGeneratedSessionUnitAndStandardTargets() throws Exception {
    assertEquals(
        List.of("kiosk-health.service", "kiosk-session.service"),
        labels(kiosk("good-when = kiosk-health.service", "good-when = kiosk-|")));
    assertEquals(
        List.of("multi-user.target"),
        labels(kiosk("good-when = kiosk-health.service", "good-when = multi-|")));
  }

  @Test
  void slotNamesAndSlottedPartitions() throws Exception {
    String slots = "partition root { size = 2G; verity = signed(verity) }";
    assertEquals(List.of("a", "b"), labels(kiosk(slots, slots + "\n      slot |")));
    assertEquals(List.of("root"), labels(kiosk(slots, slots + "\n      slot b { partition | }")));
  }

  @Test
  void partitionsOfTheLayoutADiskExtends() throws Exception {
    assertEquals(
        List.of("esp", "var"),
        labels(
            kiosk(
                "partition esp { size = 512M }",
                "partition esp { size = 512M }\n    partition |")));
  }

  @Test
  void layoutsAfterExtends() throws Exception {
    assertEquals(
        List.of("ab-verity-root"),
        labels(kiosk("disk extends ab-verity-root {", "disk extends | {")));
  }

  @Test
  void choicesOfABlockLabel() throws Exception {
    assertEquals(List.of("rauc", "sysupdate"), labels(kiosk("update rauc {", "update | {")));
    assertEquals(
        List.of("debian", "arch", "alpine"), labels(kiosk("os debian bookworm {", "os | {")));
  }

  @Test
  void worksInTextThatDoesNotParse() throws Exception {
    // The block is never closed and the property has no value: the parser gives up on the
    // rest, but the braces still tell where the cursor is.
    String text =
        Specs.KIOSK.substring(0, Specs.KIOSK.indexOf("  session {"))
            + "  update rauc {\n    bundle = \n    rollback { good-when = kiosk-| \n";
    assertEquals(List.of("kiosk-health.service"), labels(text));
  }

  @Test
  void nothingInsideStringsAndComments() throws Exception {
    assertEquals(List.of(), labels(kiosk("\"keys/verity\"", "\"keys/ver|ity\"")));
    assertEquals(List.of(), labels(kiosk("applc 1\n", "applc 1\n# a comment |\n")));
  }
}
