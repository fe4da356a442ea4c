package dev.applc.cli;

import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.TextRenderer;
import dev.applc.verify.Verifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code applc verify SPEC OUT}: checks what a build wrote against the spec, with the tools that
 * read each format, and reports every disagreement at the spec line it came from.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Check a build's artifacts against its spec: the GPT of disk.raw, each UKI's .cmdline"
            + " and .osrel and the UKI on the ESP, and the RAUC bundles' manifests and image"
            + " checksums. Every disagreement is an error at the spec line it came from.")
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin Output output;

  @Mixin SpecOptions specOptions;

  @Parameters(
      index = "1",
      paramLabel = "OUT",
      description = "The output folder of `applc build SPEC -o OUT`; it is only read.")
  Path out;

  @Option(
      names = "--keys",
      paramLabel = "DIR",
      description =
          "The folder the spec's key paths are relative to, for the RAUC keyring (default: the"
              + " spec's folder).")
  Path keys;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    TextRenderer renderer = new TextRenderer(output.colored());
    Optional<Generation.Generated> generated =
        Generation.run(spec, specOptions, renderer, "verify");
    if (generated.isEmpty() || generated.get().hasErrors()) {
      err.println("not verified: fix the errors above");
      err.flush();
      return 1;
    }
    Generation.Generated g = generated.get();
    Path keysDir = keys != null ? keys : Path.of(specOptions.file).toAbsolutePath().getParent();
    List<Diagnostic> found = Verifier.verify(g.appliance(), g.tree(), out, keysDir);
    err.print(renderer.render(found));
    if (found.isEmpty()) {
      err.println(
          "verified " + out + " against " + g.name() + ": the artifacts agree with the spec");
    } else {
      err.println(
          found.size()
              + (found.size() == 1 ? " disagreement" : " disagreements")
              + " between "
              + out
              + " and "
              + g.name());
    }
    err.flush();
    return found.isEmpty() ? 0 : 1;
  }
}
