package dev.applc.verify;

import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code applc verify}: reads what a build wrote (OUT/config and OUT/images) with the tools that
 * read those formats, and reports every disagreement with the spec as an error located at the spec
 * text the artifact came from. It never changes OUT.
 */
public final class Verifier {
  private Verifier() {}

  /**
   * Every disagreement between the build output OUT and what the spec says, in the order the checks
   * find them: the config, the disk's GPT, the UKIs, the RAUC bundles, the systemd-sysupdate
   * artifacts.
   *
   * @param compiled the spec's compiled tree, with the spans each file came from
   * @param keys the folder the spec's key paths are relative to (for the RAUC keyring)
   */
  public static List<Diagnostic> verify(
      Appliance appliance, OutputTree compiled, Path out, Path keys) {
    return verify(appliance, compiled, out, keys, Tools.onPath());
  }

  static List<Diagnostic> verify(
      Appliance appliance, OutputTree compiled, Path out, Path keys, Tools tools) {
    SourceFile spec = appliance.origin().span().file();
    Origins origins = new Origins(compiled, spec, appliance.origin().header());
    Findings findings = new Findings();
    BuildOutput b = new BuildOutput(appliance, compiled, origins, out, keys, tools, findings);
    if (!Files.isDirectory(out.resolve("images")) || !Files.isDirectory(out.resolve("config"))) {
      findings.add(
          Code.VERIFY_OUTPUT_INCOMPLETE,
          appliance.origin().header(),
          "`" + out + "` is not the output of a build: it lacks images/ or config/",
          "built from this",
          "give the folder that `applc build SPEC -o OUT` wrote");
      return findings.all();
    }
    ConfigCheck.run(b);
    GptCheck.run(b);
    Path scratch;
    try {
      scratch = Files.createTempDirectory("applc-verify");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      UkiCheck.run(b, scratch);
      BundleCheck.run(b);
      SysupdateCheck.run(b, scratch);
    } finally {
      delete(scratch);
    }
    return findings.all();
  }

  private static void delete(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A temporary folder left behind is harmless.
    }
  }
}
