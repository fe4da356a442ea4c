package dev.applc.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.model.PartitionType;
import dev.applc.compiler.sema.BlockSchema;
import dev.applc.compiler.sema.LabelSchema;
import dev.applc.compiler.sema.Language;
import dev.applc.compiler.sema.PropertySchema;
import dev.applc.compiler.sema.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps docs/language.md in step with {@link Language}, the definition of the language.
 *
 * <p>Every block kind, found by walking {@link Language#TOP_LEVEL}, needs a heading whose first
 * code span is its kind (such as {@code ### `partition`}). Under that heading, before the next
 * heading, come the block's form with its labels ({@code `partition NAME`}) and a table whose first
 * column is headed {@code Property}, with one row per property, in this shape:
 *
 * <pre>
 * | Property | Type | Default | Meaning |
 * | `size` | size or `grow` | required | ... |
 * </pre>
 *
 * A required property says {@code required} in its Default cell; a property with a documented
 * default in {@link Language} repeats that default text there. A property whose type is a short
 * list of choices names each choice in its row. A row for a property the block does not have fails,
 * so removed properties leave the docs too. A block that shares its whole body with another (a
 * {@code layout} is a {@code disk}) may name that block instead of repeating the table.
 */
class LanguageReferenceTest {
  private static final String PAGE = "docs/language.md";
  private static final int MAX_LISTED_CHOICES = 12;
  private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");

  private final Path pagePath = Docs.repoRoot().resolve(PAGE);
  private final String page = Docs.read(pagePath);
  private final List<Markdown.Section> sections = Markdown.sections(page);

  /** Every block kind, with its schema in each place it appears (a partition in a slot differs). */
  static Map<String, List<BlockSchema>> blockKinds() {
    Map<String, List<BlockSchema>> kinds = new LinkedHashMap<>();
    Language.TOP_LEVEL.values().forEach(b -> walk(b, kinds));
    return kinds;
  }

  private static void walk(BlockSchema block, Map<String, List<BlockSchema>> kinds) {
    List<BlockSchema> seen = kinds.computeIfAbsent(block.kind(), k -> new ArrayList<>());
    if (seen.contains(block)) {
      return;
    }
    seen.add(block);
    block.blocks().values().forEach(child -> walk(child, kinds));
  }

  @TestFactory
  Stream<DynamicTest> everyBlockIsDocumented() {
    return blockKinds().entrySet().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    "block `" + e.getKey() + "`",
                    pagePath.toUri(),
                    () -> checkBlock(e.getKey(), e.getValue())));
  }

  @Test
  void everyPartitionTypeIsNamed() {
    List<String> missing = new ArrayList<>();
    for (PartitionType.Kind kind : PartitionType.Kind.values()) {
      if (!page.contains("`" + kind.id() + "`")) {
        missing.add(kind.id());
      }
    }
    assertEquals(List.of(), missing, PAGE + " should name every partition type");
  }

  @Test
  void everyDiagnosticCodeIsListedWithItsPage() {
    List<String> missing = new ArrayList<>();
    for (Code code : Code.values()) {
      if (!page.contains("[" + code.id() + "](diagnostics/" + code.id() + ".md)")) {
        missing.add(code.id());
      }
    }
    assertEquals(List.of(), missing, PAGE + " should list every code under Validation rules");
  }

  @Test
  void everyLanguageVersionIsNamed() {
    for (String version : Language.VERSIONS) {
      if (!page.contains("applc " + version)) {
        fail(PAGE + " should describe language version " + version);
      }
    }
  }

  private void checkBlock(String kind, List<BlockSchema> schemas) {
    Markdown.Section section =
        section(kind)
            .orElseThrow(
                () ->
                    new AssertionError(
                        PAGE
                            + " has no heading for block `"
                            + kind
                            + "`, such as ### `"
                            + kind
                            + "`"));
    List<String> problems = new ArrayList<>();
    for (BlockSchema schema : schemas) {
      String form = form(schema);
      if (!schema.labels().isEmpty() && !section.body().contains("`" + form)) {
        problems.add("the section should show the block's form `" + form + " { ... }`");
      }
    }
    Map<String, PropertySchema> properties = properties(schemas);
    Map<String, List<String>> rows = propertyRows(section.body());
    if (rows.isEmpty() && !properties.isEmpty()) {
      rows = sharedTable(section, properties.keySet());
    }
    for (PropertySchema p : properties.values()) {
      List<String> row = rows.get(p.name());
      if (row == null) {
        problems.add("no table row for property `" + p.name() + "`");
        continue;
      }
      checkRow(p, row, problems);
    }
    for (String documented : rows.keySet()) {
      if (!properties.containsKey(documented)) {
        problems.add("a row for `" + documented + "`, which `" + kind + "` does not have");
      }
    }
    if (!problems.isEmpty()) {
      fail(
          PAGE
              + ", section \""
              + section.title()
              + "\" (line "
              + section.line()
              + "):\n  "
              + String.join("\n  ", problems));
    }
  }

  private static void checkRow(PropertySchema p, List<String> row, List<String> problems) {
    if (row.size() < 4) {
      problems.add("the row of `" + p.name() + "` should have Type, Default and Meaning cells");
      return;
    }
    String defaultCell = normalize(row.get(2));
    if (p.required() && !defaultCell.toLowerCase(Locale.ROOT).contains("required")) {
      problems.add("`" + p.name() + "` is required: its Default cell should say so");
    }
    if (!p.defaultText().isEmpty() && !defaultCell.contains(normalize(p.defaultText()))) {
      problems.add(
          "the Default cell of `"
              + p.name()
              + "` should give the default \""
              + p.defaultText()
              + "\", not \""
              + row.get(2).trim()
              + "\"");
    }
    Set<String> choices = new LinkedHashSet<>();
    choices(p.type(), choices);
    String rowText = String.join("|", row);
    if (choices.size() <= MAX_LISTED_CHOICES) {
      for (String choice : choices) {
        if (!rowText.contains("`" + choice + "`")) {
          problems.add("the row of `" + p.name() + "` should name the choice `" + choice + "`");
        }
      }
    }
  }

  private static void choices(Type type, Set<String> out) {
    if (type instanceof Type.Choice c) {
      out.addAll(c.values());
    } else if (type instanceof Type.ListOf l) {
      choices(l.element(), out);
    } else if (type instanceof Type.OneOf o) {
      o.options().forEach(t -> choices(t, out));
    }
  }

  /** The properties of a kind over all its places; required if required anywhere. */
  private static Map<String, PropertySchema> properties(List<BlockSchema> schemas) {
    Map<String, PropertySchema> out = new LinkedHashMap<>();
    for (BlockSchema s : schemas) {
      for (PropertySchema p : s.properties().values()) {
        out.merge(p.name(), p, (a, b) -> a.required() ? a : b);
      }
    }
    return out;
  }

  /** {@code partition NAME}, {@code os DISTRIBUTION RELEASE}: how compiler messages write it. */
  private static String form(BlockSchema schema) {
    return schema.kind()
        + schema.labels().stream()
            .map(LabelSchema::name)
            .map(n -> " " + n.toUpperCase(Locale.ROOT))
            .collect(Collectors.joining());
  }

  /** The first heading whose first code span is the kind. */
  private Optional<Markdown.Section> section(String kind) {
    for (Markdown.Section s : sections) {
      Matcher m = CODE_SPAN.matcher(s.title());
      if (m.find() && m.group(1).equals(kind)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The table of a block with the same properties that this section names, if any. */
  private Map<String, List<String>> sharedTable(Markdown.Section section, Set<String> names) {
    Matcher m = CODE_SPAN.matcher(section.body());
    Map<String, List<BlockSchema>> kinds = blockKinds();
    while (m.find()) {
      List<BlockSchema> other = kinds.get(m.group(1));
      if (other != null && properties(other).keySet().equals(names)) {
        Optional<Markdown.Section> s = section(m.group(1));
        if (s.isPresent()) {
          return propertyRows(s.get().body());
        }
      }
    }
    return Map.of();
  }

  /** Rows of the tables headed "Property", by the property named in their first cell. */
  static Map<String, List<String>> propertyRows(String body) {
    Map<String, List<String>> rows = new LinkedHashMap<>();
    List<String> table = new ArrayList<>();
    for (String line : (body + "\n").split("\n", -1)) {
      if (line.trim().startsWith("|")) {
        table.add(line.trim());
        continue;
      }
      if (table.size() > 2 && cells(table.get(0)).get(0).equalsIgnoreCase("Property")) {
        for (String row : table.subList(2, table.size())) {
          List<String> cells = cells(row);
          Matcher m = CODE_SPAN.matcher(cells.get(0));
          if (m.find()) {
            rows.put(m.group(1), cells);
          }
        }
      }
      table.clear();
    }
    return rows;
  }

  /** The cells of a table row; {@code \|} is a pipe inside a cell. */
  static List<String> cells(String row) {
    String inner = row.substring(1, row.endsWith("|") ? row.length() - 1 : row.length());
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c == '\\' && i + 1 < inner.length() && inner.charAt(i + 1) == '|') {
        cell.append('|');
        i++;
      } else if (c == '|') {
        cells.add(cell.toString().trim());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString().trim());
    return cells;
  }

  private static String normalize(String text) {
    return text.replace("`", "").replaceAll("\\s+", " ").trim();
  }
}
