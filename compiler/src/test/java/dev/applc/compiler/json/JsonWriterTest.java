package dev.applc.compiler.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bytes applc's JSON has always had, now written by Gson. */
class JsonWriterTest {
  @Test
  void nestedValuesAreIndentedByTwoSpaces() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("name", "root");
    o.put("size", 4096L);
    o.put("ratio", 0.5);
    o.put("grow", true);
    o.put("help", null);
    o.put("empty", Map.of());
    o.put("none", List.of());
    o.put("slots", List.of("a", Map.of("b", 1)));
    List<Object> top = new ArrayList<>();
    top.add(o);
    top.add(null);
    assertEquals(
        """
        [
          {
            "name": "root",
            "size": 4096,
            "ratio": 0.5,
            "grow": true,
            "help": null,
            "empty": {},
            "none": [],
            "slots": [
              "a",
              {
                "b": 1
              }
            ]
          },
          null
        ]""",
        JsonWriter.write(top));
  }

  @Test
  void controlCharactersAreEscapedAsCodePoints() {
    assertEquals(
        "\"q\\\" b\\\\ \\n\\r\\t \\u0008\\u000c\\u001b\\u0007 \\u007f\\u009b \\u2028\\u2029\"",
        JsonWriter.write("q\" b\\ \n\r\t \b\f\u001b\u0007 \u007f\u009b \u2028\u2029"));
  }

  @Test
  void htmlIsNotEscaped() {
    assertEquals(
        "{\n  \"<a>\": \"x = 'y' & z\"\n}", JsonWriter.write(Map.of("<a>", "x = 'y' & z")));
  }
}
