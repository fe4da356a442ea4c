package dev.applc.cli;

import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceProvider;
import dev.applc.compiler.source.TooLargeException;
import dev.applc.compiler.syntax.Ast;
import dev.applc.compiler.syntax.Formatter;
import dev.applc.compiler.syntax.SpecParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code applc fmt FILE...}: rewrite specs in the one canonical layout, comments kept. */
@Command(
    name = "fmt",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Format spec files in the canonical layout (comments kept). A file with syntax errors"
            + " is left as it is.")
final class FmtCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin Output output;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Spec files to format.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--check",
      description = "Change nothing; list the files that are not formatted and exit 1 if any.")
  boolean check;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean failed = false;
    int changed = 0;
    for (Path file : files) {
      String name = Specs.name(file.toString());
      if (!Files.isRegularFile(file)) {
        err.println("error: cannot read `" + name + "`");
        failed = true;
        continue;
      }
      String text;
      try {
        text = SourceProvider.readLimited(file, name);
      } catch (TooLargeException e) {
        err.print(
            new TextRenderer(output.colored())
                .render(List.of(SpecParser.tooLarge(new SourceFile(name, "")))));
        err.println("not formatted: `" + name + "` is too large");
        failed = true;
        continue;
      } catch (CharacterCodingException e) {
        err.println("error: `" + name + "` is not UTF-8 text; not formatted");
        failed = true;
        continue;
      }
      Diagnostics diagnostics = new Diagnostics();
      Ast.SpecFile ast = SpecParser.parse(new SourceFile(name, text), diagnostics);
      // Syntax errors, or input over a limit (nested too deep, a name too long), whose tree is
      // partial or empty: formatting it would drop what was not read.
      List<Diagnostic> errors = diagnostics.sorted().stream().filter(Diagnostic::isError).toList();
      if (!errors.isEmpty()) {
        err.print(new TextRenderer(output.colored()).render(errors));
        err.println("not formatted: `" + name + "` has errors");
        failed = true;
        continue;
      }
      String formatted = Formatter.format(ast);
      if (formatted.equals(text)) {
        continue;
      }
      changed++;
      if (check) {
        out.println(name);
        failed = true;
      } else {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".fmt");
        Files.writeString(tmp, formatted, StandardCharsets.UTF_8);
        Files.move(
            tmp,
            file,
            java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        err.println("formatted " + name);
      }
    }
    if (check && changed > 0) {
      err.println(changed + " file" + (changed == 1 ? "" : "s") + " not formatted");
    }
    out.flush();
    err.flush();
    return failed ? 1 : 0;
  }
}
