package dev.applc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Go to definition, find references and rename, within a file, across files and into std. */
class NavigationTest {
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

  private static Range range(int line, int column, int endLine, int endColumn) {
    return new Range(new Position(line, column), new Position(endLine, endColumn));
  }

  private record Opened(String uri, Position position) {}

  private Opened open(String file, String marked) throws Exception {
    LspSession.Cursor cursor = LspSession.Cursor.of(marked);
    return new Opened(lsp.open(dir.resolve(file), cursor.text()), cursor.position());
  }

  private List<? extends Location> definition(Opened at) throws Exception {
    return lsp.server
        .getTextDocumentService()
        .definition(new DefinitionParams(new TextDocumentIdentifier(at.uri()), at.position()))
        .get(LspSession.TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .getLeft();
  }

  private List<? extends Location> references(Opened at, boolean declaration) throws Exception {
    return lsp.server
        .getTextDocumentService()
        .references(
            new ReferenceParams(
                new TextDocumentIdentifier(at.uri()),
                at.position(),
                new ReferenceContext(declaration)))
        .get(LspSession.TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private WorkspaceEdit rename(Opened at, String name) throws Exception {
    return lsp.server
        .getTextDocumentService()
        .rename(new RenameParams(new TextDocumentIdentifier(at.uri()), at.position(), name))
        .get(LspSession.TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private String kiosk(String find, String marked) {
    assertTrue(Specs.KIOSK.contains(find), find);
    return Specs.KIOSK.replace(find, marked);
  }

  @Test
  void aKeyReferenceGoesToTheKey() throws Exception {
    Opened at = open("kiosk.appliance", kiosk("signed(verity)", "signed(ver|ity)"));
    assertEquals(List.of(new Location(at.uri(), range(31, 6, 31, 12))), definition(at));
  }

  @Test
  void aGoodWhenUnitGoesToTheUnitBlock() throws Exception {
    Opened at =
        open(
            "kiosk.appliance",
            kiosk("good-when = kiosk-health.service", "good-when = kiosk|-health.service"));
    assertEquals(List.of(new Location(at.uri(), range(13, 9, 13, 29))), definition(at));
  }

  @Test
  void aBoardGoesIntoTheStandardLibraryAsAFileTheEditorCanOpen() throws Exception {
    Opened at = open("kiosk.appliance", kiosk("= x86_64-uefi", "= x86|_64-uefi"));
    List<? extends Location> found = definition(at);
    assertEquals(1, found.size());
    Path file = Path.of(URI.create(found.get(0).getUri()));
    assertTrue(file.toString().endsWith("/boards/x86_64-uefi.appliance"), file.toString());
    assertTrue(Files.readString(file).contains("board x86_64-uefi {"));
    assertEquals(range(3, 6, 3, 17), found.get(0).getRange());

    // Opened from there, the file is the standard library's again: its imports and names work.
    String std = Files.readString(file);
    lsp.openUnsaved(file, std);
    assertEquals(List.of(), lsp.diagnostics(found.get(0).getUri()));
  }

  @Test
  void anImportGoesToTheFile() throws Exception {
    Files.writeString(dir.resolve("mine.appliance"), Specs.LAYOUT);
    Opened at =
        open(
            "box.appliance",
            Specs.USES_LAYOUT.replace("import \"mine.appliance\"", "import \"mi|ne.appliance\""));
    assertEquals(
        List.of(new Location(LspSession.uri(dir.resolve("mine.appliance")), range(0, 0, 0, 0))),
        definition(at));
  }

  @Test
  void extendsAndAChangedPartitionGoToTheLayout() throws Exception {
    Files.writeString(dir.resolve("mine.appliance"), Specs.LAYOUT);
    String layoutUri = LspSession.uri(dir.resolve("mine.appliance"));
    Opened layout =
        open("box.appliance", Specs.USES_LAYOUT.replace("disk extends mine", "disk extends mi|ne"));
    assertEquals(List.of(new Location(layoutUri, range(2, 7, 2, 11))), definition(layout));
    Opened partition =
        open("box.appliance", Specs.USES_LAYOUT.replace("partition data", "partition da|ta"));
    assertEquals(List.of(new Location(layoutUri, range(15, 12, 15, 16))), definition(partition));
    Opened slotted =
        open(
            "box.appliance",
            Specs.USES_LAYOUT.replace("partition root { label", "partition ro|ot { label"));
    assertEquals(List.of(new Location(layoutUri, range(8, 14, 8, 18))), definition(slotted));
  }

  @Test
  void aSlotBlockGoesToTheSlotName() throws Exception {
    Files.writeString(dir.resolve("mine.appliance"), Specs.LAYOUT);
    Opened at = open("box.appliance", Specs.USES_LAYOUT.replace("slot b {", "slot |b {"));
    assertEquals(List.of(new Location(at.uri(), range(15, 14, 15, 15))), definition(at));
  }

  @Test
  void referencesOfAKey() throws Exception {
    String text =
        kiosk("signed(verity)", "signed(verity)")
            .replace("update rauc {", "update rauc {\n    signing-key = verity");
    Opened at = open("kiosk.appliance", text.replace("key verity", "key ver|ity"));
    assertEquals(
        List.of(
            new Location(at.uri(), range(20, 50, 20, 56)),
            new Location(at.uri(), range(28, 18, 28, 24)),
            new Location(at.uri(), range(32, 6, 32, 12))),
        sorted(references(at, true)));
    assertEquals(2, references(at, false).size());
  }

  @Test
  void referencesOfALayoutPartitionAcrossOpenFiles() throws Exception {
    Opened box = new Opened(lsp.open(dir.resolve("box.appliance"), Specs.USES_LAYOUT), null);
    lsp.diagnostics(box.uri());
    Opened layout =
        open("mine.appliance", Specs.LAYOUT.replace("partition root", "partition ro|ot"));
    assertEquals(
        List.of(
            new Location(box.uri(), range(16, 16, 16, 20)),
            new Location(box.uri(), range(18, 18, 18, 22)),
            new Location(layout.uri(), range(8, 14, 8, 18))),
        sorted(references(layout, true)));
  }

  @Test
  void renameALayoutPartitionInEveryOpenFile() throws Exception {
    Opened box = new Opened(lsp.open(dir.resolve("box.appliance"), Specs.USES_LAYOUT), null);
    Opened layout =
        open("mine.appliance", Specs.LAYOUT.replace("partition root", "partition ro|ot"));
    WorkspaceEdit edit = rename(layout, "system");
    Map<String, List<TextEdit>> changes = edit.getChanges();
    assertEquals(
        List.of(
            new TextEdit(range(16, 16, 16, 20), "system"),
            new TextEdit(range(18, 18, 18, 22), "system")),
        changes.get(box.uri()));
    assertEquals(List.of(new TextEdit(range(8, 14, 8, 18), "system")), changes.get(layout.uri()));
    assertEquals(2, changes.size());
  }

  @Test
  void renameASlotAndAProfile() throws Exception {
    Files.writeString(dir.resolve("mine.appliance"), Specs.LAYOUT);
    Opened slot = open("box.appliance", Specs.USES_LAYOUT.replace("slots [a, b]", "slots [a, |b]"));
    assertEquals(
        Map.of(
            slot.uri(),
            List.of(
                new TextEdit(range(15, 14, 15, 15), "B"),
                new TextEdit(range(17, 11, 17, 12), "B"))),
        rename(slot, "B").getChanges());
    Opened profile = open("kiosk.appliance", kiosk("profile dev", "profile d|ev"));
    assertEquals(
        Map.of(profile.uri(), List.of(new TextEdit(range(25, 10, 25, 13), "debug"))),
        rename(profile, "debug").getChanges());
  }

  @Test
  void renameRefusesWhatTheStandardLibraryDeclaresAndWhatIsNotAName() throws Exception {
    Opened esp = open("kiosk.appliance", kiosk("partition esp", "partition e|sp"));
    ExecutionException std = assertThrows(ExecutionException.class, () -> rename(esp, "boot"));
    assertEquals(
        "`esp` is declared in the standard library (`std:layouts/ab-verity-root`), which cannot be"
            + " changed; rename it there only by copying the file",
        ((ResponseErrorException) std.getCause()).getResponseError().getMessage());
    Opened key = open("kiosk.appliance", kiosk("key verity", "key ver|ity"));
    ExecutionException bad = assertThrows(ExecutionException.class, () -> rename(key, "a b"));
    assertTrue(bad.getCause() instanceof ResponseErrorException);
    Opened board = open("kiosk.appliance", kiosk("= x86_64-uefi", "= x86|_64-uefi"));
    assertThrows(ExecutionException.class, () -> rename(board, "pc"));
  }

  @Test
  void prepareRenameGivesTheNameRange() throws Exception {
    Opened key = open("kiosk.appliance", kiosk("key verity", "key ver|ity"));
    Range range =
        lsp.server
            .getTextDocumentService()
            .prepareRename(
                new PrepareRenameParams(new TextDocumentIdentifier(key.uri()), key.position()))
            .get(LspSession.TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .getFirst();
    assertEquals(range(31, 6, 31, 12), range);
  }

  private static List<Location> sorted(List<? extends Location> locations) {
    return locations.stream()
        .map(Location.class::cast)
        .sorted(
            java.util.Comparator.comparing(Location::getUri)
                .thenComparing(l -> l.getRange().getStart().getLine())
                .thenComparing(l -> l.getRange().getStart().getCharacter()))
        .toList();
  }
}
