package dev.applc.cli;

import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.json.ModelJson;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.EffectiveBoot;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.Profile;
import dev.applc.compiler.model.UnitCommands;
import dev.applc.compiler.sema.Profiles;
import dev.applc.compiler.sema.rules.Sizes;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code applc show FILE}: the resolved model, as a summary or as JSON. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Show the resolved appliance: defaults applied, slots and verity expanded.")
final class ShowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin Output output;

  @Mixin ProjectOption project;

  @Parameters(paramLabel = "FILE", description = "The spec file.")
  String file;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES}.")
  Output.Format format = Output.Format.TEXT;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description = "Show the appliance as this profile (such as `dev`) builds it.")
  String profile;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Result<Compilation> result = project.locate(spec, file).compile();
    if (result.hasErrors() || result.value().isEmpty()) {
      err.print(new TextRenderer(output.colored()).render(result.diagnostics()));
      err.flush();
      return 1;
    }
    // Warnings do not stop `show`, but they are not hidden either.
    err.print(new TextRenderer(output.colored()).render(result.diagnostics()));
    err.flush();
    List<Appliance> appliances = result.value().get().appliances();
    if (profile != null) {
      List<Appliance> profiled = new java.util.ArrayList<>();
      for (Appliance a : appliances) {
        Optional<Profile> p = a.profile(profile);
        if (p.isEmpty()) {
          throw new ParameterException(
              spec.commandLine(),
              "appliance `"
                  + a.name()
                  + "` has no profile `"
                  + profile
                  + "`; its profiles are: "
                  + (a.profiles().isEmpty()
                      ? "none"
                      : String.join(", ", a.profiles().stream().map(Profile::name).toList())));
        }
        profiled.add(Profiles.apply(a, p.get()));
      }
      appliances = profiled;
    }
    if (format == Output.Format.JSON) {
      out.println(ModelJson.write(appliances.size() == 1 ? appliances.get(0) : appliances));
    } else {
      appliances.forEach(a -> summary(a, out));
    }
    out.flush();
    return 0;
  }

  private static void summary(Appliance a, PrintWriter out) {
    out.printf(
        "appliance %s %s on %s (%s, %s)%n",
        a.name(), a.version(), a.board().name(), a.board().arch().id(), a.board().firmware().id());
    out.printf(
        "os: %s %s, %d packages%n",
        a.os().distribution().id(), a.os().release(), a.os().packages().size());
    for (UnitCommands.AddedPackage p : UnitCommands.added(a)) {
      out.printf("  + %s, added: %s%n", p.name(), p.reason());
    }
    out.printf(
        "disk: %s%s%n",
        Sizes.format(a.disk().size()),
        a.disk().hasSlots() ? ", slots " + String.join("/", a.disk().slotNames()) : "");
    out.printf("  %-22s %-18s %9s %9s  %s%n", "partition", "type", "offset", "size", "label");
    for (Partition p : a.disk().partitions()) {
      out.printf(
          "  %-22s %-18s %9s %9s  %s%n",
          p.id(),
          p.type().id(),
          Sizes.exact(p.offset()),
          (p.size().grow() ? "~" : "") + Sizes.exact(p.allocated()),
          p.label());
    }
    out.printf(
        "boot: initrd by %s, %s%n",
        EffectiveBoot.initrdGenerator(a),
        EffectiveBoot.uki(a)
            .map(
                u ->
                    (u.signKey().isPresent() ? "signed UKI" : "UKI")
                        + (u.bootloader().equals("none")
                            ? " booted by the firmware"
                            : " behind " + u.bootloader()))
            .orElse("no UKI"));
    a.update().ifPresent(u -> out.printf("update: %s%n", u.method().id()));
  }
}
