package dev.applc.lsp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Neovim setup that docs/lsp.md gives is the one the end-to-end test runs. */
class NeovimSnippetTest {
  @Test
  void theDocsShowTheSetupTheEndToEndTestUses() throws Exception {
    String snippet =
        Files.readString(Path.of("src/test/resources/nvim/applc.lua"), StandardCharsets.UTF_8);
    String page = Files.readString(Path.of("../docs/lsp.md"), StandardCharsets.UTF_8);
    assertTrue(
        page.contains("```lua\n" + snippet + "```\n"),
        "docs/lsp.md should show src/test/resources/nvim/applc.lua in a ```lua block, as it is");
  }
}
