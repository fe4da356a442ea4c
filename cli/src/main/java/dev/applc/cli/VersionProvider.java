package dev.applc.cli;

import dev.applc.compiler.sema.Language;
import picocli.CommandLine.IVersionProvider;

/** {@code applc --version}: the tool version and the language versions it reads. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {
      "applc " + (version == null ? "0.1.0-dev" : version),
      "language version " + String.join(", ", Language.VERSIONS)
    };
  }
}
