package dev.applc.backends.phases;

import dev.applc.backends.escape.Escape;
import dev.applc.compiler.backend.Backend;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.BuildSettings;
import dev.applc.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The image build as shell scripts, in seed 003's design: {@code build/build.sh} runs {@code
 * build/phases/NN-name.sh} in order (bootstrap, packages, files, configure, strip, initrd, images,
 * verity, UKI, ESP, disk, bundle), and {@code build/phases.list} tells {@code applc build} what
 * each phase reads and makes, for its cache. The scripts are the readable truth of what a build
 * does: {@code applc build} runs exactly them.
 *
 * <p>Phases that have nothing to do for a spec are left out; the numbers stay fixed, so a phase's
 * log has the same name for every spec. Every spec value reaches a script as a single-quoted word
 * ({@link Escape#shell}).
 */
public final class PhasesBackend implements Backend {
  public static final String DIR = "build";
  public static final String BUILD_SCRIPT = DIR + "/build.sh";
  public static final String PHASES_DIR = DIR + "/phases";
  public static final String PHASES_LIST = DIR + "/phases.list";

  /**
   * Phases that change the root file system in place. The others only replace files they make
   * themselves ({@code pure} in phases.list), so they can run again on a work folder that later
   * phases have already been through.
   */
  static final Set<String> CHANGE_ROOTFS =
      Set.of("bootstrap", "packages", "files", "configure", "strip", "initrd");

  /**
   * Phases whose result does not depend on the build's SOURCE_DATE_EPOCH: the bootstrap sets a
   * fixed date of its own, so that a new commit does not make it run again.
   */
  static final Set<String> NO_SOURCE_DATE = Set.of("bootstrap");

  @Override
  public String id() {
    return "phases";
  }

  @Override
  public void generate(BackendContext ctx) {
    Appliance a = ctx.appliance();
    List<Phase> phases = new Pipeline(ctx).phases();
    Set<SourceSpan> all = new LinkedHashSet<>();
    all.add(a.origin().span());
    for (Phase p : phases) {
      ctx.out().add(p.path(), p.script(), OutputTree.MODE_EXECUTABLE, p.origins());
      all.addAll(p.origins());
    }
    ctx.out().add(BUILD_SCRIPT, buildScript(ctx, phases), OutputTree.MODE_EXECUTABLE, all);
    ctx.out().add(PHASES_LIST, phasesList(ctx, phases), OutputTree.MODE_FILE, all);
  }

  private static String buildScript(BackendContext ctx, List<Phase> phases) {
    Appliance a = ctx.appliance();
    BuildSettings b = a.build();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("appliance", a.name());
    boolean fromGit = b.sourceDateEpoch().isEmpty() && b.sourceDateFromGit();
    m.put("dateFromGit", fromGit);
    m.put("date", b.sourceDateEpoch().orElse(0L));
    // Only the bootstrap from an OCI image runs applc (`applc tool oci-unpack`).
    m.put("runsApplc", a.os().ociImage().isPresent());
    m.put(
        "dateNote",
        b.sourceDateEpoch().isPresent()
            ? "default: the spec's source-date"
            : fromGit ? "default: the last commit of SPEC_DIR" : "default: 0");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Phase p : phases) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", p.id());
      r.put("artifacts", p.artifacts().stream().map(Escape::shell).toList());
      rows.add(r);
    }
    m.put("phases", rows);
    return ScriptTemplates.render("phases/build.sh.ftl", m);
  }

  private static String phasesList(BackendContext ctx, List<Phase> phases) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Phase p : phases) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("id", p.id());
      r.put("inputs", p.inputs().stream().map(i -> i.root().id() + " " + i.path()).toList());
      r.put("artifacts", p.artifacts());
      r.put("checkpoint", p.checkpoint());
      r.put("pure", !CHANGE_ROOTFS.contains(p.id().substring(p.id().indexOf('-') + 1)));
      r.put("sourceDate", !NO_SOURCE_DATE.contains(p.id().substring(p.id().indexOf('-') + 1)));
      rows.add(r);
    }
    m.put("phases", rows);
    return ScriptTemplates.render("phases/phases.list.ftl", m);
  }
}
