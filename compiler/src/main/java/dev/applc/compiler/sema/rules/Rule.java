package dev.applc.compiler.sema.rules;

import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.model.Appliance;

/**
 * A check of the whole appliance that no single property can make: sizes fit, slots agree, labels
 * fit GPT, the firmware can boot the layout. Each rule reports with its own codes.
 */
public interface Rule {
  void check(Appliance appliance, Diagnostics diagnostics);
}
