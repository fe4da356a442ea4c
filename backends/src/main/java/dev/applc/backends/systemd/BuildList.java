package dev.applc.backends.systemd;

import dev.applc.backends.template.Templates;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.source.SourceSpan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A list of units for the build ({@code build/systemd/NAME.list}): {@code #} comments, then one
 * unit per line, for {@code systemctl --root=ROOTFS mask|preset|set-default}.
 */
final class BuildList {
  private BuildList() {}

  static void write(
      BackendContext ctx, String name, String purpose, List<String> units, List<SourceSpan> from) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("purpose", purpose);
    m.put("units", units);
    ctx.out()
        .add(
            SystemdBackend.BUILD_DIR + "/" + name,
            Templates.render("systemd/list.ftl", m),
            OutputTree.MODE_FILE,
            from);
  }
}
