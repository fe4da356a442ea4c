package dev.applc.cli;

import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Key;
import dev.applc.keys.KeyCreator;
import dev.applc.keys.KeyPlanner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code applc keys SPEC}: create the keys and certificates a spec references. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Create every key and certificate the spec uses that does not exist yet: the Secure Boot"
            + " db key, verity signing keys, a RAUC CA with a signing certificate it issued, and"
            + " OpenPGP keys for systemd-sysupdate."
            + " Never overwrites a file; private keys are created with mode 0600 and never"
            + " printed.")
final class KeysCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin Output output;

  @Mixin ProjectOption project;

  @Parameters(paramLabel = "SPEC", description = "The spec file; key paths are relative to it.")
  String file;

  @Override
  public Integer call() throws java.io.IOException, GeneralSecurityException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TextRenderer renderer = new TextRenderer(output.colored());
    Specs.Location location = project.locate(spec, file);
    Result<Compilation> result = location.compile();
    if (result.hasErrors() || result.value().isEmpty()) {
      err.print(renderer.render(result.diagnostics()));
      err.println("no keys created: fix the errors above");
      err.flush();
      return 1;
    }
    err.print(renderer.render(result.diagnostics()));
    List<Appliance> appliances = result.value().get().appliances();
    if (appliances.size() != 1) {
      throw new ParameterException(
          spec.commandLine(),
          location.name() + " declares " + appliances.size() + " appliances; give one");
    }
    Appliance appliance = appliances.get(0);
    Path specFile = location.base().resolve(location.name()).toAbsolutePath();
    Path folder = specFile.getParent();
    KeyPlanner.Plan plan = KeyPlanner.plan(appliance);
    KeyCreator.Report report = new KeyCreator(appliance.name(), folder, Instant.now()).run(plan);
    if (report.failed()) {
      err.print(renderer.render(report.diagnostics()));
      err.println("no keys created: fix the errors above");
      err.flush();
      return 1;
    }
    for (KeyCreator.Line line : report.lines()) {
      out.println(line);
    }
    for (Key key : plan.unused()) {
      out.println("unused: key `" + key.name() + "` (nothing in the spec signs with it)");
    }
    long created = report.lines().stream().filter(KeyCreator.Line::created).count();
    long existed = report.lines().size() - created;
    out.println(
        created == 0
            ? "nothing to create: every key file exists"
            : "created "
                + created
                + " file"
                + (created == 1 ? "" : "s")
                + ", "
                + existed
                + " existed");
    out.flush();
    return 0;
  }
}
