package dev.applc.backends.mkosi;

import dev.applc.backends.template.Templates;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.diag.Diagnostic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code mkosi/README}: what the mkosi tree of a spec that is not built with mkosi does only in
 * part, with the place in the spec that causes each, so that a team that starts using the tree
 * learns it before building.
 */
final class Readme {
  static final String PATH = MkosiBackend.DIR + "/README";

  private Readme() {}

  static void write(BackendContext ctx, List<Diagnostic> problems) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (Diagnostic d : problems) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("location", d.span().location());
      item.put("code", d.code().id());
      item.put("message", d.message());
      item.put("notes", d.notes());
      item.put("help", d.help().orElse(""));
      items.add(item);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("appliance", ctx.appliance().name());
    m.put("problems", items);
    ctx.out()
        .add(
            PATH,
            Templates.render("mkosi/README.ftl", m),
            OutputTree.MODE_FILE,
            problems.stream().map(Diagnostic::span).distinct().toList());
  }
}
