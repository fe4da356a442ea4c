package dev.applc.compiler.sema.rules;

import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.model.Appliance;
import java.util.List;

/** Every validation rule, in the order their findings are most useful. */
public final class Rules {
  private Rules() {}

  public static final List<Rule> ALL =
      List.of(
          new DiskRules(),
          new LabelRules(),
          new VerityRules(),
          new BootRules(),
          new InitrdRootRules(),
          new ContentRules(),
          new UpdateRules(),
          new KeyRules());

  public static void checkAll(Appliance appliance, Diagnostics diagnostics) {
    for (Rule rule : ALL) {
      rule.check(appliance, diagnostics);
    }
  }
}
