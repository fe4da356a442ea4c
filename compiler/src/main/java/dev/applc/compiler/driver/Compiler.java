package dev.applc.compiler.driver;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.inputs.InputChecks;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.sema.Loader;
import dev.applc.compiler.sema.ModelBuilder;
import dev.applc.compiler.sema.Node;
import dev.applc.compiler.sema.Program;
import dev.applc.compiler.sema.rules.Rules;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceProvider;
import dev.applc.compiler.source.SourceSpan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline from text to model: load and parse files, check them against the language, merge
 * {@code extends}, build each appliance's model and run the validation rules.
 */
public final class Compiler {
  private final SourceProvider provider;
  private final Cancellation cancellation;

  public Compiler(SourceProvider provider) {
    this(provider, Cancellation.NEVER);
  }

  /**
   * A compiler that asks {@code cancellation} between its steps (after loading, before each
   * appliance's model and before its rules) whether to go on.
   */
  public Compiler(SourceProvider provider, Cancellation cancellation) {
    this.provider = provider;
    this.cancellation = cancellation;
  }

  /** Compiles the file named {@code root} as the provider knows it. */
  public Result<Compilation> compile(String root) {
    Diagnostics diagnostics = new Diagnostics();
    try {
      Optional<Program> program = new Loader(provider, diagnostics).load(root);
      if (program.isEmpty()) {
        SourceFile missing = new SourceFile(root, "");
        diagnostics.add(
            Diagnostic.error(
                    Code.FILE_UNREADABLE, SourceSpan.at(missing, 0), "cannot read `" + root + "`")
                .label("no such file")
                .help("check the path; spec files end in `.appliance`"));
        return new Result<>(Optional.empty(), diagnostics.sorted());
      }
      return finish(program.get(), root, diagnostics);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles a file whose text is given, such as an editor's unsaved buffer. */
  public Result<Compilation> compile(SourceFile root) {
    Diagnostics diagnostics = new Diagnostics();
    try {
      return finish(new Loader(provider, diagnostics).load(root), root.name(), diagnostics);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Result<Compilation> finish(Program program, String rootName, Diagnostics diagnostics) {
    cancellation.check();
    // After a syntax error, parts of a block may be missing only because they could not be
    // read; reporting them as missing settings would mislead.
    boolean syntaxErrors = diagnostics.all().stream().anyMatch(d -> d.code() == Code.SYNTAX);
    for (Map<String, Node> byName : program.declarations().values()) {
      for (Node n : byName.values()) {
        if (!syntaxErrors) {
          requirements(n, diagnostics);
        }
      }
    }
    List<Appliance> appliances = new ArrayList<>();
    ModelBuilder builder = new ModelBuilder(program, diagnostics);
    for (Node n : program.rootDeclarations()) {
      if (!n.kind().equals("appliance")) {
        continue;
      }
      cancellation.check();
      Optional<Appliance> model = builder.build(n);
      // Whole-appliance rules run on a model built from error-free input only: a model patched
      // around errors would give follow-on errors that mislead.
      if (model.isPresent() && !diagnostics.hasErrors()) {
        cancellation.check();
        Rules.checkAll(model.get(), diagnostics);
        inputs(model.get(), rootName, diagnostics);
      }
      model.ifPresent(appliances::add);
    }
    if (program.rootDeclarations().isEmpty() && !diagnostics.hasErrors()) {
      SourceFile root = program.files().get(0).source();
      diagnostics.add(
          Diagnostic.error(Code.NO_APPLIANCE, SourceSpan.at(root, 0), "the file declares nothing")
              .label("no `appliance`, `board`, `layout` or `package-set` here")
              .help("declare an appliance: `appliance NAME { ... }`"));
    }
    return new Result<>(
        Optional.of(new Compilation(program, appliances)),
        Diagnostics.capped(afterSyntaxErrors(diagnostics)));
  }

  /**
   * In a file with syntax errors, only what concerns reading the file is reported: the parser's
   * recovery leaves blocks cut short, and what the checker says about them misleads.
   */
  private static List<Diagnostic> afterSyntaxErrors(Diagnostics diagnostics) {
    List<Diagnostic> all = diagnostics.all();
    java.util.Set<String> broken = new java.util.HashSet<>();
    for (Diagnostic d : all) {
      if (d.code() == Code.SYNTAX) {
        broken.add(d.span().file().name());
      }
    }
    if (broken.isEmpty()) {
      return all;
    }
    java.util.Set<Code> reading =
        java.util.EnumSet.of(
            Code.SYNTAX,
            Code.LANGUAGE_VERSION,
            Code.IMPORT_NOT_FOUND,
            Code.IMPORT_CYCLE,
            Code.FILE_UNREADABLE,
            Code.IMPORT_OUTSIDE_PROJECT,
            Code.IMPORT_NOT_A_SPEC,
            Code.NESTING_TOO_DEEP,
            Code.INPUT_TOO_LARGE);
    return all.stream()
        .filter(d -> !broken.contains(d.span().file().name()) || reading.contains(d.code()))
        .toList();
  }

  /**
   * Checks the files and folders the appliance copies into the image, when the provider reads a
   * project folder on disk; paths in the spec are relative to the root spec's folder.
   */
  private void inputs(Appliance appliance, String root, Diagnostics diagnostics) {
    provider
        .files()
        .ifPresent(
            files ->
                files
                    .path(root)
                    .ifPresent(
                        spec ->
                            InputChecks.check(
                                appliance,
                                spec.getParent(),
                                // Text not read from a file (an editor's unsaved buffer, a test)
                                // has no folder in which to look for what it names.
                                Files.isRegularFile(spec),
                                files.project(),
                                diagnostics)));
  }

  private static void requirements(Node n, Diagnostics diagnostics) {
    dev.applc.compiler.sema.Requirements.check(n, diagnostics);
  }
}
