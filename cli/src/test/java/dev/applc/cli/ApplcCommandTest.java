package dev.applc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ApplcCommandTest {
  @Test
  void theWholeTreeHasEveryCommandUnderItsOwnName() {
    CommandLine top = ApplcCommand.commandLine();
    assertEquals(ApplcCommand.COMMANDS, List.copyOf(top.getSubcommands().keySet()));
    top.getSubcommands()
        .forEach((name, sub) -> assertEquals(name, sub.getCommandSpec().name(), "@Command name"));
  }

  @Test
  void aNamedCommandIsTheOnlyOneBuilt() {
    for (String name : ApplcCommand.COMMANDS) {
      CommandLine top = ApplcCommand.commandLine(name, "--help");
      assertEquals(List.of(name), List.copyOf(top.getSubcommands().keySet()));
    }
  }

  @Test
  void anythingElseGetsTheWholeTree() {
    for (String[] args :
        List.of(new String[0], new String[] {"--help"}, new String[] {"chekc", "x.appliance"})) {
      assertEquals(
          ApplcCommand.COMMANDS,
          List.copyOf(ApplcCommand.commandLine(args).getSubcommands().keySet()));
    }
  }
}
