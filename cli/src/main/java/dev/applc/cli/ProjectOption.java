package dev.applc.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --project DIR}: the folder a spec may read files from (imports, file sources, overlays).
 * Without it, the spec's own folder: a spec that imports {@code ../common.appliance} names the
 * wider folder on purpose.
 */
final class ProjectOption {
  @Option(
      names = "--project",
      paramLabel = "DIR",
      description =
          "The project folder: imports and inputs must lie inside it (default: the spec's"
              + " folder).")
  Path project;

  /** A spec argument located for compiling, confined to the project; a usage error otherwise. */
  Specs.Location locate(CommandSpec spec, String file) {
    Specs.Location location = Specs.locate(file);
    Path specFile = location.base().resolve(location.name()).toAbsolutePath().normalize();
    if (project == null) {
      return location;
    }
    if (!Files.isDirectory(project)) {
      throw new ParameterException(spec.commandLine(), "--project " + project + " is not a folder");
    }
    Path folder = project.toAbsolutePath().normalize();
    if (!specFile.startsWith(folder)) {
      throw new ParameterException(
          spec.commandLine(),
          location.name() + " is not inside the project folder --project " + project);
    }
    return location.within(Optional.of(folder));
  }
}
