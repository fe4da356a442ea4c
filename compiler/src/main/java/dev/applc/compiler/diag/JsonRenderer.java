package dev.applc.compiler.diag;

import dev.applc.compiler.json.JsonWriter;
import dev.applc.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders diagnostics as JSON for tools: one object per diagnostic, in a stable order. */
public final class JsonRenderer {
  private JsonRenderer() {}

  public static String render(List<Diagnostic> diagnostics) {
    List<Object> list = new ArrayList<>();
    for (Diagnostic d : diagnostics) {
      list.add(toJson(d));
    }
    return JsonWriter.write(list);
  }

  public static Map<String, Object> toJson(Diagnostic d) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("severity", d.severity().label());
    o.put("code", d.code().id());
    o.put("message", d.message());
    o.put("span", span(d.span()));
    o.put("label", d.label());
    List<Object> related = new ArrayList<>();
    for (Label l : d.related()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("span", span(l.span()));
      r.put("message", l.message());
      related.add(r);
    }
    o.put("related", related);
    o.put("notes", new ArrayList<Object>(d.notes()));
    o.put("help", d.help().orElse(null));
    return o;
  }

  public static Map<String, Object> span(SourceSpan s) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("file", s.file().name());
    o.put("line", s.startLine());
    o.put("column", s.startColumn());
    o.put("endLine", s.endLine());
    o.put("endColumn", s.endColumn());
    return o;
  }
}
