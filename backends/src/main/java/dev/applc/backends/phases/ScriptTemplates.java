package dev.applc.backends.phases;

import dev.applc.backends.template.Templates;
import java.util.Map;

/**
 * The phase scripts' templates: {@link Templates#renderScript}, whose {@code [=name]}
 * interpolations leave bash's own {@code ${...}}, on every other line of a build script, alone.
 */
final class ScriptTemplates {
  private ScriptTemplates() {}

  static String render(String name, Map<String, ?> model) {
    return Templates.renderScript(name, model);
  }
}
