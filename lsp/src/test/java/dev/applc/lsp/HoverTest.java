package dev.applc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hover: documentation from the language schema, and what the compiler computed. */
class HoverTest {
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

  private String hover(String find, String marked) throws Exception {
    return hover(Specs.KIOSK.replace(find, marked));
  }

  private String hover(String marked) throws Exception {
    LspSession.Cursor cursor = LspSession.Cursor.of(marked);
    String uri = lsp.openUnsaved(dir.resolve("kiosk.appliance"), cursor.text());
    Hover hover =
        lsp.server
            .getTextDocumentService()
            .hover(new HoverParams(new TextDocumentIdentifier(uri), cursor.position()))
            .get(LspSession.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    return hover == null ? null : hover.getContents().getRight().getValue();
  }

  @Test
  void aPropertyShowsItsTypeDocAndDefault() throws Exception {
    assertEquals(
        "`tries` in `rollback`: a whole number\n\nBoots tried before rolling back.\n\nDefault: 3.",
        hover("tries = 3", "tr|ies = 3"));
  }

  @Test
  void aValueShowsItsPropertyAndWhereAReferenceIsDeclared() throws Exception {
    assertEquals(
        "`board` in `appliance`: the name of a `board` (required)\n\n"
            + "The board the appliance runs on.\n\n"
            + "`x86_64-uefi` declared at `std:boards/x86_64-uefi:4`",
        hover("= x86_64-uefi", "= x86_|64-uefi"));
  }

  @Test
  void aBlockShowsHowItIsWrittenAndItsDoc() throws Exception {
    assertEquals(
        "`update METHOD { ... }`\n\nHow the appliance updates: RAUC or systemd-sysupdate.\n\n"
            + "`METHOD`: The update tool. (one of `rauc`, `sysupdate`)",
        hover("update rauc", "upd|ate rauc"));
  }

  @Test
  void aPartitionShowsItsPlaceOnTheDisk() throws Exception {
    assertEquals(
        """
        `partition esp`: One GPT partition.

        **esp**
        - size: 512M
        - offset: 1M (1048576 bytes)
        - label: `esp`
        - type: `esp`, GUID `c12a7328-f81f-11d2-ba4b-00a0c93ec93b`
        - device: `/dev/disk/by-partlabel/esp`""",
        hover("partition esp {", "partition e|sp {"));
  }

  @Test
  void aSlottedPartitionShowsEveryCopyAndItsVerityPartitions() throws Exception {
    String text = hover("partition root {", "partition ro|ot {");
    assertEquals(
        """
        `partition root`: One GPT partition.

        **root-a** (slot a)
        - size: 2G
        - offset: 513M (537919488 bytes)
        - label: `root-a`
        - type: `root`, GUID `4f68bce3-e8cd-4db1-96e7-fbcaf984b709`
        - device: `/dev/disk/by-partlabel/root-a`

        **root-a-verity** (verity hash of `root-a`)
        - size: 17M
        - offset: 2561M (2685403136 bytes)
        - label: `root-a-verity`
        - type: `root-verity`, GUID `2c7357ed-ebd2-46d9-aec1-23d437ec2bf5`
        - device: `/dev/disk/by-partlabel/root-a-verity`

        **root-a-verity-sig** (verity signature of `root-a`)
        - size: 16K
        - offset: 2578M (2703228928 bytes)
        - label: `root-a-verity-sig`
        - type: `root-verity-sig`, GUID `41092b05-9fc8-4523-994f-2def0408b176`
        - device: `/dev/disk/by-partlabel/root-a-verity-sig`

        **root-b** (slot b)
        - size: 2G
        - offset: 2579M (2704277504 bytes)
        - label: `root-b`
        - type: `root`, GUID `4f68bce3-e8cd-4db1-96e7-fbcaf984b709`
        - device: `/dev/disk/by-partlabel/root-b`

        **root-b-verity** (verity hash of `root-b`)
        - size: 17M
        - offset: 4627M (4851761152 bytes)
        - label: `root-b-verity`
        - type: `root-verity`, GUID `2c7357ed-ebd2-46d9-aec1-23d437ec2bf5`
        - device: `/dev/disk/by-partlabel/root-b-verity`

        **root-b-verity-sig** (verity signature of `root-b`)
        - size: 16K
        - offset: 4644M (4869586944 bytes)
        - label: `root-b-verity-sig`
        - type: `root-verity-sig`, GUID `41092b05-9fc8-4523-994f-2def0408b176`
        - device: `/dev/disk/by-partlabel/root-b-verity-sig`""",
        text);
  }

  @Test
  void aGrowingPartitionShowsItsShare() throws Exception {
    String text =
        hover(
            Specs.KIOSK.replace(
                "partition esp { size = 512M }",
                "partition esp { size = 512M }\n    partition v|ar { size = grow }"));
    assertEquals(
        """
        `partition var`: One GPT partition.

        **var**
        - size: grows, 3546M on this image (at least 16M)
        - offset: 4645M (4870635520 bytes)
        - label: `var`
        - type: `var`, GUID `4d21b016-b534-45c2-a9fb-5c16e091fd2d`
        - device: `/dev/disk/by-partlabel/var`""",
        text);
  }

  @Test
  void anImportShowsTheFilesIntroduction() throws Exception {
    assertEquals(
        "`std:boards/x86_64-uefi`\n\nA generic x86-64 PC or VM that boots with UEFI firmware.",
        hover("import std:boards/x86_64-uefi", "import std:boards/x86|_64-uefi"));
  }

  @Test
  void nothingOnBlankSpace() throws Exception {
    assertNull(hover("applc 1\n", "applc 1\n|\n"));
  }
}
