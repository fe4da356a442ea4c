package dev.applc.cli;

import dev.applc.compiler.diag.Code;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code applc explain CODE}: the long explanation of a diagnostic code. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Explain a diagnostic code, such as APL0100.")
final class ExplainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "CODE", description = "The diagnostic code.")
  String code;

  @Override
  public Integer call() throws IOException {
    Optional<Code> known = Code.byId(code.trim());
    if (known.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "unknown diagnostic code `" + code + "`; codes look like APL0100");
    }
    String id = known.get().id();
    try (InputStream in =
        ExplainCommand.class.getResourceAsStream("/dev/applc/diagnostics/" + id + ".md")) {
      if (in == null) {
        spec.commandLine()
            .getOut()
            .println(id + ": " + known.get().title() + " (" + known.get().severity().label() + ")");
        return 0;
      }
      spec.commandLine().getOut().print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      spec.commandLine().getOut().flush();
    }
    return 0;
  }

  static String normalize(String code) {
    return code.trim().toUpperCase(Locale.ROOT);
  }
}
