package dev.applc.cli;

import dev.applc.backends.Backends;
import dev.applc.cli.diff.Comparison;
import dev.applc.cli.diff.FieldCompatibility;
import dev.applc.cli.diff.GitSourceProvider;
import dev.applc.cli.diff.MarkdownReport;
import dev.applc.cli.diff.PackageReport;
import dev.applc.cli.diff.SpecPaths;
import dev.applc.cli.diff.TextReport;
import dev.applc.cli.diff.TreeDiff;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.diag.TextRenderer;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Compiler;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Profile;
import dev.applc.compiler.sema.Profiles;
import dev.applc.compiler.source.SourceProvider;
import dev.applc.sbom.CycloneDx;
import dev.applc.sbom.PackageChanges;
import dev.applc.sbom.Sboms;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
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

/**
 * {@code applc diff REV SPEC} and {@code applc diff OLD NEW}: what a change does to the generated
 * files, for code review. Both sides are compiled and generated in memory; nothing is written.
 */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Show how the generated files change: SPEC at git revision REV against SPEC in the work"
          + " tree, or spec file OLD against spec file NEW. Prints one summary line per changed"
          + " file, then a unified diff. Writes nothing.",
      "REV is read from the repository's object store (SPEC and its local imports as they are"
          + " at REV); the work tree and the index are not touched.",
      "Given two builds' SBOMs (OUT/sbom.cdx.json, or the output folders), prints the packages"
          + " added (A), removed (D) and changed in version (M)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:compared (whether or not the files differ; see --exit-code)",
      "1:a spec has errors, on either side; with --exit-code also: the files differ",
      "2:wrong usage, such as an unknown revision or a spec outside a git repository",
      "3:internal error in applc"
    })
final class DiffCommand implements Callable<Integer> {
  enum Format {
    TEXT,
    MARKDOWN
  }

  @Spec CommandSpec spec;

  @Mixin Output output;

  @Parameters(
      index = "0",
      paramLabel = "REV|OLD",
      description =
          "A git revision (HEAD~1, main, a tag, a commit id), or the old spec file: an argument"
              + " is a spec file when it names a file or its name ends with `.appliance`. Or an"
              + " older build's SBOM: a `.cdx.json` file, or an output folder holding"
              + " `sbom.cdx.json`.")
  String first;

  @Parameters(
      index = "1",
      paramLabel = "SPEC|NEW",
      description = "The spec file (in a git work tree), the new spec file, or the newer SBOM.")
  String second;

  @Option(
      names = "--format",
      defaultValue = "text",
      description =
          "Output format: ${COMPLETION-CANDIDATES} (text: a patch; markdown: a review comment).")
  Format format = Format.TEXT;

  @Option(names = "--stat", description = "Print only the summary of the changed files.")
  boolean stat;

  @Option(
      names = "--exit-code",
      description = "Exit 1 when the generated files differ, 0 when they do not, as git does.")
  boolean exitCode;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description = "Compare this profile of the appliance, such as `dev`, on both sides.")
  String profile;

  /** One side: where its files come from, its root spec, and how to name it to the reader. */
  private record Side(String description, SourceProvider provider, String name, String label) {}

  /** A side's appliance (with the profile applied) and its generated files. */
  private record Generated(Appliance appliance, OutputTree tree) {}

  @Override
  public Integer call() throws IOException {
    Optional<Path> oldSbom = sbom(first);
    Optional<Path> newSbom = sbom(second);
    if (oldSbom.isPresent() != newSbom.isPresent()) {
      String which = oldSbom.isPresent() ? first : second;
      String other = oldSbom.isPresent() ? second : first;
      throw usage(
          "`"
              + which
              + "` is an SBOM and `"
              + other
              + "` is not: compare two builds' SBOMs (`applc diff OLD/sbom.cdx.json"
              + " NEW/sbom.cdx.json`), or two specs");
    }
    if (oldSbom.isPresent()) {
      return comparePackages(oldSbom.get(), newSbom.get());
    }
    Optional<Comparison> comparison = isSpecFile(first) ? compareFiles() : compareRevision();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (comparison.isEmpty()) {
      err.flush();
      return 1;
    }
    Comparison c = comparison.get();
    if (format == Format.MARKDOWN) {
      out.print(MarkdownReport.render(c, stat));
    } else {
      out.print(new TextReport(output.colored()).render(c, stat));
      if (c.identical()) {
        err.println(
            "no differences: both sides generate the same "
                + c.newFiles()
                + (c.newFiles() == 1 ? " file" : " files"));
      }
    }
    out.flush();
    err.flush();
    return exitCode && !c.identical() ? 1 : 0;
  }

  /**
   * The SBOM an argument names: a file whose name ends with {@code .cdx.json} or that holds a
   * CycloneDX document, or a build's output folder with its {@code sbom.cdx.json}.
   */
  private static Optional<Path> sbom(String argument) throws IOException {
    Path p;
    try {
      p = Path.of(argument);
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
    if (Files.isDirectory(p)) {
      Path inside = p.resolve(CycloneDx.FILE_NAME);
      return Files.isRegularFile(inside) ? Optional.of(inside) : Optional.empty();
    }
    if (argument.endsWith(".cdx.json")) {
      return Optional.of(p);
    }
    if (Files.isRegularFile(p) && !argument.endsWith(".appliance")) {
      byte[] head;
      try (var in = Files.newInputStream(p)) {
        head = in.readNBytes(4096);
      }
      return Sboms.looksLikeCycloneDx(head) ? Optional.of(p) : Optional.empty();
    }
    return Optional.empty();
  }

  /** The packages of two builds' SBOMs: added, removed and changed versions. */
  private int comparePackages(Path oldFile, Path newFile) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (profile != null) {
      throw usage("--profile compares specs; an SBOM describes one build of one profile already");
    }
    List<dev.applc.sbom.Package> before;
    List<dev.applc.sbom.Package> after;
    try {
      before = packages(oldFile);
      after = packages(newFile);
    } catch (Sboms.InvalidSbomException e) {
      err.println("cannot compare: " + e.getMessage());
      err.flush();
      return 1;
    }
    PackageChanges changes = PackageChanges.between(before, after);
    if (format == Format.MARKDOWN) {
      out.print(PackageReport.markdown(changes, first, second, stat));
    } else {
      out.print(PackageReport.text(changes, stat, output.colored()));
      if (changes.isEmpty()) {
        err.println(
            "no differences: both list the same "
                + after.size()
                + (after.size() == 1 ? " package" : " packages"));
      }
    }
    out.flush();
    err.flush();
    return exitCode && !changes.isEmpty() ? 1 : 0;
  }

  private List<dev.applc.sbom.Package> packages(Path file)
      throws IOException, Sboms.InvalidSbomException {
    if (!Files.isRegularFile(file)) {
      throw usage("`" + file + "` does not exist");
    }
    try {
      return Sboms.packagesOf(Files.readAllBytes(file));
    } catch (Sboms.InvalidSbomException e) {
      throw new Sboms.InvalidSbomException(
          "`" + file + "` is not a valid CycloneDX 1.5 SBOM: " + e.getMessage());
    }
  }

  private static boolean isSpecFile(String argument) {
    try {
      return argument.endsWith(".appliance") || Files.isRegularFile(Path.of(argument));
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /** SPEC at REV against SPEC in the work tree, both named relative to the work tree's root. */
  private Optional<Comparison> compareRevision() throws IOException {
    Path file = SpecPaths.real(Path.of(second));
    Path folder = SpecPaths.existingFolder(file);
    if (GitSourceProvider.workTreeAround(folder).isEmpty()) {
      throw usage(
          "`"
              + Specs.name(second)
              + "` is not in a git repository; to compare two spec files, run"
              + " `applc diff OLD.appliance NEW.appliance`");
    }
    try (GitSourceProvider git = GitSourceProvider.open(folder, first)) {
      if (!file.startsWith(git.workTree())) {
        throw usage("`" + Specs.name(second) + "` is outside the repository's work tree");
      }
      String name = SpecPaths.relative(git.workTree(), file);
      String revision =
          MarkdownReport.code(first) + " (commit " + MarkdownReport.code(git.commitId()) + ")";
      Side oldSide = new Side(MarkdownReport.code(name) + " at " + revision, git, name, name);
      Side newSide =
          new Side(
              MarkdownReport.code(name) + " in the work tree",
              SourceProvider.fileSystem(git.workTree()),
              name,
              name);
      boolean before = git.exists(name);
      boolean after = Files.isRegularFile(file);
      PrintWriter err = spec.commandLine().getErr();
      if (!before && !after) {
        throw usage("`" + name + "` exists neither in the work tree nor at " + revision);
      }
      if (!before) {
        err.println(
            "note: `" + name + "` does not exist at `" + first + "`: every file shows as added");
      }
      if (!after) {
        err.println(
            "note: `" + name + "` does not exist in the work tree: every file shows as removed");
      }
      Optional<Generated> oldTree = before ? generate(oldSide) : Optional.empty();
      Optional<Generated> newTree = after ? generate(newSide) : Optional.empty();
      if ((before && oldTree.isEmpty()) || (after && newTree.isEmpty())) {
        return Optional.empty();
      }
      return compare(name, revision, "the work tree", oldTree, newTree);
    } catch (GitSourceProvider.RevisionException e) {
      throw usage(e.getMessage());
    }
  }

  /**
   * OLD against NEW, named relative to the work tree that holds both, or else to the folder they
   * share. Both sides are generated under NEW's name, so that the header naming the spec in every
   * file does not show as a change.
   */
  private Optional<Comparison> compareFiles() throws IOException {
    Path oldFile = SpecPaths.real(Path.of(first));
    Path newFile = SpecPaths.real(Path.of(second));
    Optional<Path> workTree =
        GitSourceProvider.workTreeAround(SpecPaths.existingFolder(newFile))
            .filter(w -> oldFile.startsWith(w) && newFile.startsWith(w));
    Path base = workTree.orElse(SpecPaths.commonFolder(oldFile, newFile));
    String oldName = SpecPaths.relative(base, oldFile);
    String newName = SpecPaths.relative(base, newFile);
    SourceProvider files = SourceProvider.fileSystem(base);
    Side oldSide = new Side(MarkdownReport.code(oldName), files, oldName, newName);
    Side newSide = new Side(MarkdownReport.code(newName), files, newName, newName);
    Optional<Generated> oldTree = generate(oldSide);
    Optional<Generated> newTree = generate(newSide);
    if (oldTree.isEmpty() || newTree.isEmpty()) {
      return Optional.empty();
    }
    return compare(newName, oldSide.description(), newSide.description(), oldTree, newTree);
  }

  /**
   * Compares two sides, an absent one being a spec that does not exist there. Warns first about
   * what deployed devices cannot take (APL0509), when both sides exist.
   */
  private Optional<Comparison> compare(
      String name,
      String oldSide,
      String newSide,
      Optional<Generated> oldSpec,
      Optional<Generated> newSpec) {
    if (oldSpec.isPresent() && newSpec.isPresent()) {
      Diagnostics field = new Diagnostics();
      FieldCompatibility.compare(oldSpec.get().appliance(), newSpec.get().appliance(), field);
      PrintWriter err = spec.commandLine().getErr();
      err.print(new TextRenderer(output.colored()).render(field.sorted()));
    }
    OutputTree oldTree = oldSpec.map(Generated::tree).orElseGet(OutputTree::new);
    OutputTree newTree = newSpec.map(Generated::tree).orElseGet(OutputTree::new);
    return Optional.of(
        new Comparison(
            name,
            oldSide,
            newSide,
            oldTree.files().size(),
            newTree.files().size(),
            TreeDiff.compare(oldTree, newTree)));
  }

  /** The side's generated files; empty after printing its errors and saying which side failed. */
  private Optional<Generated> generate(Side side) {
    Result<Compilation> result = new Compiler(side.provider()).compile(side.name());
    Diagnostics diagnostics = new Diagnostics();
    diagnostics.addAll(result.diagnostics());
    OutputTree tree = null;
    Appliance appliance = null;
    if (!result.hasErrors() && result.value().isPresent()) {
      List<Appliance> appliances = result.value().get().appliances();
      if (appliances.size() != 1) {
        throw usage(
            side.description()
                + " declares "
                + appliances.size()
                + " appliances; diff compares specs that declare one");
      }
      appliance = withProfile(appliances.get(0), side);
      tree = Backends.generate(appliance, side.label(), diagnostics);
    }
    if (!diagnostics.hasErrors() && tree != null) {
      return Optional.of(new Generated(appliance, tree));
    }
    PrintWriter err = spec.commandLine().getErr();
    err.print(new TextRenderer(output.colored()).render(diagnostics.sorted()));
    err.println("cannot compare: " + side.description() + " has errors");
    return Optional.empty();
  }

  private Appliance withProfile(Appliance appliance, Side side) {
    if (profile == null) {
      return appliance;
    }
    Optional<Profile> p = appliance.profile(profile);
    if (p.isEmpty()) {
      throw usage(
          "appliance `"
              + appliance.name()
              + "` of "
              + side.description()
              + " has no profile `"
              + profile
              + "`");
    }
    return Profiles.apply(appliance, p.get());
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
