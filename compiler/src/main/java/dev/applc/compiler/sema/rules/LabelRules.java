package dev.applc.compiler.sema.rules;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.UpdatePolicy;
import dev.applc.compiler.source.SourceSpan;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * GPT labels: at most 36 characters, unique, made of characters that survive every file they reach
 * (repart expands {@code %}, udev escapes spaces in /dev/disk/by-partlabel), and short enough for
 * the {@code _VERSION} that systemd-sysupdate appends.
 */
final class LabelRules implements Rule {
  /** GPT partition names are 36 UTF-16 code units. */
  static final int GPT_LABEL_MAX = 36;

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.+@:-]+");

  @Override
  public void check(Appliance a, Diagnostics d) {
    Map<String, Partition> seen = new HashMap<>();
    // A label written once for all slots (with `{slot}`) is reported once, not per slot.
    java.util.Set<SourceSpan> reported = new java.util.HashSet<>();
    Optional<UpdatePolicy> update = a.update();
    boolean sysupdate =
        update.isPresent() && update.get().method() == UpdatePolicy.Method.SYSUPDATE;
    for (Partition p : a.disk().partitions()) {
      SourceSpan at = labelSpan(p);
      String label = p.label();
      if (!SAFE.matcher(label).matches()) {
        d.add(
            Diagnostic.error(
                    Code.UNSAFE_STRING,
                    at,
                    "label `"
                        + label
                        + "` has characters that"
                        + " cannot be used in a partition label")
                .label("unsafe label")
                .help(
                    "use letters, digits and `_.+@:-` only; `%`, spaces and quotes change"
                        + " meaning in repart files and device paths"));
        continue;
      }
      if (label.length() > GPT_LABEL_MAX) {
        if (!reported.add(at)) {
          continue;
        }
        d.add(
            Diagnostic.error(
                    Code.LABEL_TOO_LONG,
                    at,
                    "label `"
                        + label
                        + "` of partition `"
                        + p.id()
                        + "` is "
                        + label.length()
                        + " characters, more than GPT's "
                        + GPT_LABEL_MAX)
                .label("too long")
                .help("shorten the label to " + GPT_LABEL_MAX + " characters or fewer"));
        continue;
      }
      if (sysupdate && p.slot().isPresent()) {
        int room = GPT_LABEL_MAX - label.length() - 1;
        int needed = update.get().maxVersionLength();
        if (room < needed) {
          if (!reported.add(at)) {
            continue;
          }
          d.add(
              Diagnostic.error(
                      Code.LABEL_NO_ROOM_FOR_VERSION,
                      at,
                      "label `"
                          + label
                          + "` leaves room for a "
                          + Math.max(0, room)
                          + "-character version, but"
                          + " updates need "
                          + needed)
                  .label("too long for `_VERSION`")
                  .note(
                      "systemd-sysupdate names an updated partition `"
                          + label
                          + "_VERSION`, and a GPT label holds "
                          + GPT_LABEL_MAX
                          + " characters")
                  .help(
                      "shorten the label to "
                          + Math.max(1, GPT_LABEL_MAX - 1 - needed)
                          + " characters, or lower `max-version-length` in `update`"));
          continue;
        }
      }
      Partition earlier = seen.putIfAbsent(label, p);
      if (earlier != null) {
        Diagnostic.Builder b =
            Diagnostic.error(
                    Code.DUPLICATE_LABEL,
                    at,
                    "partitions `"
                        + earlier.id()
                        + "` and `"
                        + p.id()
                        + "` share the label `"
                        + label
                        + "`")
                .label("same label");
        if (!labelSpan(earlier).equals(at)) {
          b.related(labelSpan(earlier), "`" + earlier.id() + "` has it too");
        }
        b.help(
            p.slot().isPresent()
                ? "put `{slot}` in the label so that each slot gets its own, such as `\""
                    + p.name()
                    + "-{slot}\"`"
                : "give each partition its own label");
        d.add(b);
      }
    }
  }

  private static SourceSpan labelSpan(Partition p) {
    return p.origin().at("label");
  }
}
