package dev.applc.cli;

import picocli.CommandLine.Command;

/** The top-level command: a compiler for immutable Linux appliance specs. */
@Command(
    name = "applc",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Compile declarative appliance specs into the configs and images of an"
            + " immutable Linux appliance.",
    subcommands = {
      CheckCommand.class,
      CompileCommand.class,
      BuildCommand.class,
      CacheCommand.class,
      DiffCommand.class,
      FmtCommand.class,
      KeysCommand.class,
      LspCommand.class,
      ShowCommand.class,
      ExplainCommand.class,
      TestCommand.class,
      ToolCommand.class,
      VerifyCommand.class,
      VmCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the spec has errors (or warnings, with --strict)",
      "2:wrong usage",
      "3:internal error in applc"
    })
public final class ApplcCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a command is needed: check, compile, show or explain");
  }
}
