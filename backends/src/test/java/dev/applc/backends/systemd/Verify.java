package dev.applc.backends.systemd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code systemd-analyze verify}, made strict: systemd only warns about unknown keys and bad values
 * it ignores (exit status 0), so every line it prints is a failure, except notices that say a value
 * was accepted.
 */
final class Verify {
  private Verify() {}

  /** Notices about values systemd accepted as written. */
  private static final List<Pattern> ACCEPTED =
      List.of(
          Pattern.compile(
              "Accepting user/group name '.*', which does not match strict user/group name"
                  + " rules\\."));

  /** What systemd-analyze objects to in the root's units; empty when it accepts them all. */
  static List<String> problems(UnitRoot.Root root) throws Exception {
    String tool = RealTools.require("systemd-analyze");
    List<String> command = new ArrayList<>();
    command.addAll(List.of(tool, "verify", "--man=no", "--root=" + root.dir()));
    for (Path p : root.units()) {
      command.add(p.toString());
    }
    RealTools.Outcome r = RealTools.run(root.dir(), Map.of(), command);
    List<String> problems = new ArrayList<>();
    if (r.exit() != 0) {
      problems.add("exit status " + r.exit());
    }
    for (String line : r.lines()) {
      if (ACCEPTED.stream().noneMatch(p -> p.matcher(line).matches())) {
        problems.add(line);
      }
    }
    return problems;
  }
}
