package dev.applc.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The spec and profile that `compile` and `build` generate from. */
final class SpecOptions {
  @Parameters(paramLabel = "SPEC", description = "The spec file.")
  String file;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description = "Build this profile, such as `dev`.")
  String profile;

  @Mixin ProjectOption project;
}
