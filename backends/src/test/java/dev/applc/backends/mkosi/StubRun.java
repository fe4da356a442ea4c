package dev.applc.backends.mkosi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.applc.compiler.backend.OutputFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs a generated script for real, with every command it calls replaced by a stub that records its
 * arguments (and, for {@code tee}, what it reads): what the commands would have received is then
 * compared with the spec's strings, so the test checks the quoting bash actually applies, not a
 * model of it. The script touches nothing: files are written through {@code tee}, a stub here.
 */
final class StubRun {
  private StubRun() {}

  static final List<String> COMMANDS =
      List.of(
          "getent",
          "groupadd",
          "id",
          "useradd",
          "mkdir",
          "tee",
          "chmod",
          "chown",
          "cp",
          "systemctl");

  private static final String STUB =
      """
      #!/bin/bash
      name=${0##*/}
      {
        printf '%s\\0' "$name" "$@"
        if [ "$name" = tee ]; then
          printf 'STDIN\\0'
          /bin/cat
          printf '\\0'
        fi
        printf '\\036'
      } >>"$LOG"
      case "$name" in
        getent | id) exit 2 ;;
      esac
      exit 0
      """;

  /** One recorded command: its name and arguments. */
  record Call(List<String> argv) {
    String name() {
      return argv.get(0);
    }

    List<String> args() {
      return argv.subList(1, argv.size());
    }
  }

  static List<Call> run(OutputFile script, Path dir) throws Exception {
    Path stubs = dir.resolve("stubs");
    Files.createDirectories(stubs);
    for (String c : COMMANDS) {
      Path p = stubs.resolve(c);
      Files.writeString(p, STUB);
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Path file = dir.resolve("script");
    Files.write(file, script.content());
    Path log = dir.resolve("log");
    Files.write(log, new byte[0]);
    Tools.Outcome r =
        Tools.run(
            dir,
            List.of(
                "/usr/bin/env",
                "-i",
                "PATH=" + stubs,
                "LOG=" + log,
                "SRCDIR=" + dir.resolve("src"),
                "/bin/bash",
                file.toString(),
                "final"));
    assertEquals(0, r.exit(), r.output() + "\n" + script.text());
    List<Call> calls = new ArrayList<>();
    String text = Files.readString(log, StandardCharsets.UTF_8);
    for (String record : Pattern.compile("\u001e").split(text, -1)) {
      if (record.isEmpty()) {
        continue;
      }
      List<String> argv = new ArrayList<>(Arrays.asList(Pattern.compile("\0").split(record, -1)));
      argv.remove(argv.size() - 1); // after the last NUL
      calls.add(new Call(argv));
    }
    return calls;
  }
}
