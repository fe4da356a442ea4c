package dev.applc.vm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises, in a serial console, the lines with which systemd reports a unit that did not come
 * up: its status lines ({@code [FAILED] Failed to start foo.service - Foo.}, {@code [DEPEND]
 * Dependency failed for local-fs.target - Local File Systems.}, {@code [ TIME ] Timed out waiting
 * for device ...}, {@code [ASSERT] Assertion failed for ...}) and, when the journal is forwarded to
 * the console, {@code systemd[1]: foo.service: Failed with result 'exit-code'.}
 *
 * <p>Only the results of start jobs count: what fails while the machine shuts down ({@code Failed
 * unmounting}, {@code Timed out stopping}) says nothing about whether the appliance came up. Feed
 * it the console's bytes as they arrive; it is safe to read from another thread.
 */
public final class UnitFailures {
  /**
   * One unit that failed.
   *
   * @param unit the unit's name ({@code data.mount}), or its description when systemd prints only
   *     that ({@code StatusUnitFormat=description})
   * @param line the console line that said so, without colours
   */
  public record Failure(String unit, String line) {}

  /** Colours, cursor moves and "erase line": systemd's status output is full of them. */
  private static final Pattern ESCAPES = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");

  /** A status line's bracketed word, and the message after it. */
  private static final Pattern STATUS =
      Pattern.compile("\\[\\s*(FAILED|DEPEND|TIME|ASSERT)\\s*\\] (.+)$");

  /**
   * How systemd's start jobs end when they do not succeed (src/core/job.c and the units' own status
   * message tables: mount.c, socket.c, swap.c, automount.c, device.c); the unit follows.
   */
  private static final List<String> START_FAILURES =
      List.of(
          "Failed to start ",
          "Failed to mount ",
          "Failed to listen on ",
          "Failed to activate swap ",
          "Failed to set up automount ",
          "Dependency failed for ",
          "Timed out starting ",
          "Timed out mounting ",
          "Timed out activating swap ",
          "Timed out waiting for device ",
          "Assertion failed for ");

  /** A unit name: systemd highlights it and, in the combined format, adds " - Description". */
  private static final Pattern UNIT_NAME =
      Pattern.compile(
          "[A-Za-z0-9:_.\\\\@-]+\\.(service|socket|target|device|mount|automount|swap|timer|path"
              + "|slice|scope)");

  /** The journal's line for a unit that failed, when the log reaches the console. */
  private static final Pattern JOURNAL =
      Pattern.compile(
          "systemd\\[1\\]: (" + UNIT_NAME.pattern() + "): Failed with result '([^']+)'\\.");

  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private final Map<String, Failure> failures = new LinkedHashMap<>();

  /** Takes the next bytes of the console. */
  public synchronized void accept(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      byte b = bytes[i];
      if (b == '\n') {
        endLine();
      } else if (partial.size() < 4096) {
        // A console line longer than this is not a status line; keep memory bounded.
        partial.write(b);
      }
    }
  }

  /** Takes the rest of the console, a last line without its newline included. */
  public synchronized void finish() {
    endLine();
  }

  /** The units that failed so far, each once, in the order the console named them. */
  public synchronized List<Failure> failures() {
    return new ArrayList<>(failures.values());
  }

  /** The units of a whole recorded console. */
  public static List<Failure> in(String console) {
    UnitFailures watch = new UnitFailures();
    byte[] bytes = console.getBytes(StandardCharsets.UTF_8);
    watch.accept(bytes, 0, bytes.length);
    watch.finish();
    return watch.failures();
  }

  private void endLine() {
    String line = partial.toString(StandardCharsets.UTF_8);
    partial.reset();
    recognise(line).ifPresent(f -> failures.putIfAbsent(f.unit(), f));
  }

  /** The failure a console line reports, if it reports one. */
  static Optional<Failure> recognise(String raw) {
    String line = raw;
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    // "A start job is running..." is redrawn in place with carriage returns: what counts is what
    // was written last.
    line = line.substring(line.lastIndexOf('\r') + 1);
    line = ESCAPES.matcher(line).replaceAll("").strip();
    Matcher status = STATUS.matcher(line);
    if (status.find()) {
      String message = status.group(2);
      for (String prefix : START_FAILURES) {
        if (message.startsWith(prefix)) {
          String ident = message.substring(prefix.length());
          if (ident.endsWith(".")) {
            ident = ident.substring(0, ident.length() - 1);
          }
          return Optional.of(new Failure(unitOf(ident), line.substring(status.start())));
        }
      }
      return Optional.empty();
    }
    Matcher journal = JOURNAL.matcher(line);
    if (journal.find()) {
      return Optional.of(new Failure(journal.group(1), line.substring(journal.start())));
    }
    return Optional.empty();
  }

  /** "data.mount - /data" is data.mount; a bare description stays as it is. */
  private static String unitOf(String ident) {
    int dash = ident.indexOf(" - ");
    String first = dash < 0 ? ident : ident.substring(0, dash);
    return UNIT_NAME.matcher(first).matches() ? first : ident;
  }
}
