package dev.applc.backends.phases;

import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.source.SourceSpan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a phase's script: the shared prologue (header, id, purpose, notes), then its template.
 */
final class PhaseScript {
  private PhaseScript() {}

  static Phase render(
      BackendContext ctx,
      String id,
      String purpose,
      List<String> notes,
      String template,
      Map<String, Object> model,
      List<Phase.Input> inputs,
      List<String> artifacts,
      boolean checkpoint,
      List<SourceSpan> origins) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("header", ctx.header("#"));
    p.put("id", id);
    p.put("purpose", purpose);
    p.put("notes", notes);
    String prologue = ScriptTemplates.render("phases/prologue.ftl", p);
    Map<String, Object> m = new LinkedHashMap<>(model);
    m.put("id", id);
    m.put("prologue", prologue.stripTrailing());
    String script = ScriptTemplates.render("phases/" + template + ".sh.ftl", m);
    return new Phase(id, script, inputs, artifacts, checkpoint, origins);
  }
}
