package dev.applc.compiler.driver;

import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.sema.Program;
import java.util.List;

/** What a compile produced: the loaded program and the model of each appliance in the root file. */
public record Compilation(Program program, List<Appliance> appliances) {
  public Compilation {
    appliances = List.copyOf(appliances);
  }
}
