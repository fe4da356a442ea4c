package dev.applc.cli;

import dev.applc.oci.OciException;
import dev.applc.oci.Platform;
import dev.applc.oci.UnpackOptions;
import dev.applc.oci.UnpackReport;
import dev.applc.oci.Unpacker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code applc tool ...}: helpers that generated build phases call, not meant for people (hidden
 * from the help).
 */
@Command(
    name = "tool",
    hidden = true,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Helpers for generated build phases.",
    subcommands = {ToolCommand.OciUnpack.class})
final class ToolCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a tool is needed: oci-unpack");
  }

  /** {@code applc tool oci-unpack}: a local OCI image into a root file system. */
  @Command(
      name = "oci-unpack",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description =
          "Unpack the layers of a local OCI image (a layout directory or its tar archive) into"
              + " TARGET, checking every blob's digest. Never writes outside TARGET.")
  static final class OciUnpack implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--image",
        paramLabel = "PATH",
        required = true,
        description = "The OCI image layout directory, or its tar archive (oci-archive).")
    Path image;

    @Option(
        names = "--ref",
        paramLabel = "NAME",
        description =
            "The image's reference name in index.json (org.opencontainers.image.ref.name);"
                + " needed when the layout holds several images.")
    String ref;

    @Option(
        names = "--platform",
        paramLabel = "OS/ARCH",
        defaultValue = "linux/amd64",
        description = "The platform to take from an image index (default: ${DEFAULT-VALUE}).")
    String platform;

    @Parameters(paramLabel = "TARGET", description = "The root folder to unpack into.")
    Path target;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      try {
        UnpackReport report =
            new Unpacker(UnpackOptions.forCurrentUser())
                .unpack(image, ref, Platform.parse(platform), target);
        for (String warning : report.warnings()) {
          err.println("warning: " + warning);
        }
        err.println(
            "unpacked "
                + report.manifest()
                + ": "
                + report.layers()
                + " layers, "
                + report.entries()
                + " entries");
        return 0;
      } catch (OciException e) {
        err.println("error: " + e.getMessage());
        return 1;
      } catch (IOException e) {
        err.println("error: cannot unpack " + image + " into " + target + ": " + e);
        return 1;
      } finally {
        err.flush();
      }
    }
  }
}
