package dev.applc.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The little Markdown reader the docs tests rely on: if it misses a block, nothing checks it. */
class MarkdownTest {

  @Test
  void findsFencesWithTheirLanguageLineAndText() {
    String page =
        String.join(
            "\n",
            "# Title",
            "",
            "```applc",
            "applc 1",
            "```",
            "",
            "~~~~ applc-fragment title",
            "size = 1M",
            "```",
            "~~~~",
            "```",
            "no language",
            "```");
    assertEquals(
        List.of(
            new Markdown.CodeBlock("applc", 3, 5, "applc 1\n"),
            new Markdown.CodeBlock("applc-fragment", 7, 10, "size = 1M\n```\n"),
            new Markdown.CodeBlock("", 11, 13, "no language\n")),
        Markdown.codeBlocks(page));
  }

  @Test
  void indentedFencesLoseTheirIndentationAndUnclosedFencesRunToTheEnd() {
    String page = String.join("\n", "- item", "  ```applc", "  applc 1", "    x", "  ```", "```sh");
    assertEquals(
        List.of(
            new Markdown.CodeBlock("applc", 2, 5, "applc 1\n  x\n"),
            new Markdown.CodeBlock("sh", 6, 6, "")),
        Markdown.codeBlocks(page));
  }

  @Test
  void sectionsEndAtTheNextHeadingAndIgnoreHashesInCode() {
    String page =
        String.join(
            "\n", "# A", "text", "```sh", "# not a heading", "```", "## `b` block", "more", "");
    List<Markdown.Section> sections = Markdown.sections(page);
    assertEquals(2, sections.size());
    assertEquals(
        new Markdown.Section(1, "A", 1, "text\n```sh\n# not a heading\n```\n"), sections.get(0));
    assertEquals(new Markdown.Section(2, "`b` block", 6, "more\n\n"), sections.get(1));
  }

  @Test
  void propertyTablesAreReadByTheirFirstColumn() {
    String body =
        String.join(
            "\n",
            "| Property | Type | Default | Meaning |",
            "|---|---|---|---|",
            "| `size` | size or `grow` | required | A size. |",
            "| `verity` | `on` \\| `off` | `off` | Hashes. |",
            "",
            "| Other | x |",
            "|---|---|",
            "| `not-a-property` | x |");
    Map<String, List<String>> rows = LanguageReferenceTest.propertyRows(body);
    assertEquals(List.of("size", "verity"), List.copyOf(rows.keySet()));
    assertEquals(List.of("`verity`", "`on` | `off`", "`off`", "Hashes."), rows.get("verity"));
  }
}
