package dev.applc.compiler.json;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON from plain Java values: {@code Map} (in its own iteration order, so callers pass
 * ordered maps), {@code List}, {@code String}, {@code Number}, {@code Boolean} and {@code null}.
 * Output is indented by two spaces and ends without a newline; the same value always gives the same
 * bytes.
 *
 * <p>Gson's {@link com.google.gson.stream.JsonWriter} writes it, without HTML escaping (applc's
 * JSON is not embedded in HTML, and {@code <}, {@code >}, {@code =} stay readable). Gson escapes
 * the C0 controls and U+2028/U+2029 but leaves DEL and the C1 controls (U+007F to U+009F) raw; they
 * are escaped here too, so that a JSON document read raw never carries a terminal escape (U+009B
 * starts one, as ESC [ does). The bytes are those of the writer applc had before Gson.
 */
public final class JsonWriter {
  private JsonWriter() {}

  public static String write(Object value) {
    StringWriter text = new StringWriter();
    try (com.google.gson.stream.JsonWriter out = new com.google.gson.stream.JsonWriter(text)) {
      out.setIndent("  ");
      out.setHtmlSafe(false);
      out.setSerializeNulls(true);
      write(out, value);
    } catch (IOException e) {
      throw new UncheckedIOException("a StringWriter does not fail", e);
    }
    return escapeControls(text.toString());
  }

  private static void write(com.google.gson.stream.JsonWriter out, Object value)
      throws IOException {
    if (value == null) {
      out.nullValue();
    } else if (value instanceof String s) {
      out.value(s);
    } else if (value instanceof Number n) {
      out.value(n);
    } else if (value instanceof Boolean b) {
      out.value(b.booleanValue());
    } else if (value instanceof Map<?, ?> map) {
      out.beginObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.name(String.valueOf(e.getKey()));
        write(out, e.getValue());
      }
      out.endObject();
    } else if (value instanceof List<?> list) {
      out.beginArray();
      for (Object element : list) {
        write(out, element);
      }
      out.endArray();
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    }
  }

  /**
   * Escapes DEL and the C1 controls, and spells backspace and form feed as Gson spells the other C0
   * controls (a code point escape, as applc always wrote them, rather than {@code \b} and {@code
   * \f}). Outside strings JSON has neither controls nor backslashes, and inside them every
   * backslash Gson writes starts an escape, so reading two characters at a backslash is exact.
   */
  private static String escapeControls(String json) {
    StringBuilder out = new StringBuilder(json.length() + 16);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '\\' && i + 1 < json.length()) {
        char escaped = json.charAt(++i);
        switch (escaped) {
          case 'b' -> out.append("\\u0008");
          case 'f' -> out.append("\\u000c");
          default -> out.append(c).append(escaped);
        }
      } else if (c >= 0x7f && c <= 0x9f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
