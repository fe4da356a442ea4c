package dev.applc.cli;

import dev.applc.compiler.sema.Language;
import picocli.CommandLine.IVersionProvider;

/** {@code applc --version}: the tool version and the language versions it reads. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "applc " + version(), "language version " + String.join(", ", Language.VERSIONS)
    };
  }

  /** applc's version: the jar's, or {@code 0.1.0-dev} when run from classes. */
  static String version() {
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    return version == null ? "0.1.0-dev" : version;
  }
}
