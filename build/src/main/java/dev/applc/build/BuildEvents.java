package dev.applc.build;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code applc build --format json}: the build as JSON Lines, one event per line on standard
 * output, for CI logs and dashboards. docs/cli.md documents every event and field.
 *
 * <p>The events are {@code build-start}, then per phase {@code phase-start} (when it runs) and
 * {@code phase-end} (always, with its status), after a successful build one {@code artifact} per
 * published result with its SHA-256, and last {@code build-end}. Times are whole milliseconds, so
 * that a line never holds a float's exponent; there is no time of day, a CI log has its own.
 */
public final class BuildEvents implements BuildProgress {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private final PrintWriter out;

  public BuildEvents(PrintWriter out) {
    this.out = out;
  }

  /** The build begins: which appliance, from which spec, into which folder, in how many phases. */
  public void buildStarted(
      String appliance, String version, String spec, Path output, PhasePlan plan) {
    JsonObject e = event("build-start");
    e.addProperty("appliance", appliance);
    e.addProperty("version", version);
    e.addProperty("spec", spec);
    e.addProperty("output", path(output));
    e.addProperty("phases", plan.steps().size());
    emit(e);
  }

  @Override
  public void started(Phase phase) {
    emit(phase(event("phase-start"), phase));
  }

  @Override
  public void reused(Phase phase, boolean fromCache) {
    JsonObject e = phase(event("phase-end"), phase);
    e.addProperty("status", "reused");
    e.addProperty("from", fromCache ? "cache" : "work");
    e.addProperty("elapsedMs", 0);
    emit(e);
  }

  @Override
  public void done(Phase phase, long nanos) {
    emit(ended(phase, "done", nanos));
  }

  @Override
  public void failed(Phase phase, long nanos, int exit) {
    JsonObject e = ended(phase, "failed", nanos);
    e.addProperty("exit", exit);
    emit(e);
  }

  @Override
  public void stopped(Phase phase, long nanos) {
    emit(ended(phase, "stopped", nanos));
  }

  /**
   * One event per result the plan's phases published into {@code images}, in the plan's order: a
   * file with its size and SHA-256, a folder (a casync chunk store) with its file count and size.
   */
  public void artifacts(PhasePlan plan, Path images) throws IOException {
    for (PhasePlan.Step step : plan.steps()) {
      for (String artifact : step.artifacts()) {
        Path published = images.resolve(Path.of(artifact).getFileName().toString());
        JsonObject e = event("artifact");
        e.addProperty("phase", step.id());
        e.addProperty("path", path(published));
        if (Files.isDirectory(published)) {
          List<Path> files;
          try (Stream<Path> walk = Files.walk(published)) {
            files = walk.filter(Files::isRegularFile).toList();
          }
          long bytes = 0;
          for (Path f : files) {
            bytes += Files.size(f);
          }
          e.addProperty("type", "directory");
          e.addProperty("files", files.size());
          e.addProperty("bytes", bytes);
        } else {
          e.addProperty("type", "file");
          e.addProperty("bytes", Files.size(published));
          e.addProperty("sha256", sha256(published));
        }
        emit(e);
      }
    }
  }

  /**
   * The build is over.
   *
   * @param status {@code built}, {@code failed} or {@code stopped}
   * @param outcome what the phases did, or null when the build stopped before the first phase (a
   *     spec with errors, a missing key)
   */
  public void buildEnded(String status, PhaseRunner.Outcome outcome, long nanos) {
    JsonObject e = event("build-end");
    e.addProperty("status", status);
    e.addProperty("ran", outcome == null ? 0 : outcome.ran().size());
    e.addProperty("reused", outcome == null ? 0 : outcome.reused().size());
    if (outcome != null && outcome.failed() != null) {
      e.addProperty("failedPhase", outcome.failed());
    }
    e.addProperty("elapsedMs", millis(nanos));
    emit(e);
  }

  private static JsonObject ended(Phase phase, String status, long nanos) {
    JsonObject e = phase(event("phase-end"), phase);
    e.addProperty("status", status);
    e.addProperty("elapsedMs", millis(nanos));
    e.addProperty("log", path(phase.log()));
    return e;
  }

  private static JsonObject phase(JsonObject e, Phase phase) {
    e.addProperty("phase", phase.id());
    e.addProperty("index", phase.index());
    e.addProperty("total", phase.total());
    e.addProperty("key", phase.key());
    return e;
  }

  private static JsonObject event(String name) {
    JsonObject e = new JsonObject();
    e.addProperty("event", name);
    return e;
  }

  /** One line, written whole: the stop hook may report from another thread. */
  private synchronized void emit(JsonObject event) {
    out.println(GSON.toJson(event));
    out.flush();
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }

  private static String path(Path p) {
    return p.toString().replace(java.io.File.separatorChar, '/');
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buffer = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
