package dev.applc.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level command: a compiler for immutable Linux appliance specs.
 *
 * <p>Its subcommands are added here rather than named in the annotation, because picocli builds the
 * model of every listed subcommand by reflection before it parses anything: a cold {@code applc
 * check} paid for the options of all fourteen commands. {@link #commandLine(String...)} builds only
 * the command that the arguments name, and the whole tree for anything else (help, version, a
 * mistyped command that picocli should suggest a correction for).
 */
@Command(
    name = "applc",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Compile declarative appliance specs into the configs and images of an"
            + " immutable Linux appliance.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the spec has errors (or warnings, with --strict)",
      "2:wrong usage",
      "3:internal error in applc"
    })
public final class ApplcCommand implements Runnable {
  /** The subcommands in the order `applc --help` lists them; each is its {@code @Command} name. */
  static final List<String> COMMANDS =
      List.of(
          "check", "compile", "build", "cache", "diff", "fmt", "keys", "lsp", "show", "explain",
          "test", "tool", "verify", "vm");

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a command is needed: check, compile, show or explain");
  }

  /** The whole command tree, for help, documentation, man pages and completion. */
  public static CommandLine commandLine() {
    CommandLine top = new CommandLine(new ApplcCommand());
    for (String name : COMMANDS) {
      top.addSubcommand(command(name));
    }
    return top;
  }

  /**
   * The tree that can run {@code args}: only the named command when the first argument is one,
   * otherwise the whole tree.
   */
  public static CommandLine commandLine(String... args) {
    if (args.length == 0 || !COMMANDS.contains(args[0])) {
      return commandLine();
    }
    CommandLine top = new CommandLine(new ApplcCommand());
    top.addSubcommand(command(args[0]));
    return top;
  }

  /** A switch rather than a table of constructors: a lambda per command costs start-up time. */
  private static Object command(String name) {
    return switch (name) {
      case "check" -> new CheckCommand();
      case "compile" -> new CompileCommand();
      case "build" -> new BuildCommand();
      case "cache" -> new CacheCommand();
      case "diff" -> new DiffCommand();
      case "fmt" -> new FmtCommand();
      case "keys" -> new KeysCommand();
      case "lsp" -> new LspCommand();
      case "show" -> new ShowCommand();
      case "explain" -> new ExplainCommand();
      case "test" -> new TestCommand();
      case "tool" -> new ToolCommand();
      case "verify" -> new VerifyCommand();
      case "vm" -> new VmCommand();
      default -> throw new IllegalArgumentException("no command " + name);
    };
  }
}
