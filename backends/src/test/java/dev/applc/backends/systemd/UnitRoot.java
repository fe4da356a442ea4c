package dev.applc.backends.systemd;

import dev.applc.compiler.backend.OutputFile;
import dev.applc.compiler.backend.OutputTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A file-system root for systemd's offline tools: the generated {@code rootfs/} files, plus a stub
 * for every unit they refer to but do not define and an executable for every program they run, so
 * that what the tools report is about the generated files alone.
 */
final class UnitRoot {
  private UnitRoot() {}

  /** What every unit needs by default dependencies. */
  static final List<String> BASE = List.of("sysinit.target", "basic.target", "shutdown.target");

  private static final Set<String> DEPENDENCY_KEYS =
      Set.of(
          "After",
          "Before",
          "Wants",
          "Requires",
          "Requisite",
          "BindsTo",
          "PartOf",
          "Conflicts",
          "OnFailure",
          "WantedBy",
          "RequiredBy",
          "Also");

  private static final Pattern BLANKS = Pattern.compile("\\s+");

  private static final Pattern EXEC_KEY = Pattern.compile("Exec(Start|StartPre|StartPost|Stop)");

  /** The generated unit files and drop-in folders' units, as paths inside the root. */
  record Root(Path dir, List<Path> units) {}

  static final String UNIT_DIR = "usr/lib/systemd/system";

  /** Writes the tree's {@code rootfs/} under {@code dir}, with stubs. */
  static Root write(OutputTree tree, Path dir) throws IOException {
    Files.createDirectories(dir);
    open(dir);
    Set<String> units = new TreeSet<>();
    Set<String> dropInUnits = new TreeSet<>();
    Set<String> referenced = new TreeSet<>(BASE);
    Set<String> programs = new TreeSet<>();
    programs.add("/usr/bin/true");
    String prefix = "rootfs/" + UNIT_DIR + "/";
    for (OutputFile f : tree.files()) {
      if (!f.path().startsWith("rootfs/")) {
        continue;
      }
      Path p = dir.resolve(f.path().substring("rootfs/".length()));
      Files.createDirectories(p.getParent());
      Files.write(p, f.content());
      if (!f.path().startsWith(prefix)) {
        continue;
      }
      String rest = f.path().substring(prefix.length());
      if (rest.contains("/")) {
        String folder = rest.substring(0, rest.indexOf('/'));
        if (folder.endsWith(".d")) {
          dropInUnits.add(folder.substring(0, folder.length() - 2));
        }
      } else {
        units.add(rest);
      }
      references(f.text(), referenced, programs);
    }
    referenced.addAll(dropInUnits);
    for (String name : referenced) {
      String file = template(name);
      Path p = dir.resolve(UNIT_DIR).resolve(file);
      if (!units.contains(name) && !units.contains(file) && !Files.exists(p)) {
        Files.createDirectories(p.getParent());
        Files.writeString(p, stub(file));
      }
    }
    for (String program : programs) {
      Path p = dir.resolve(program.substring(1));
      Files.createDirectories(p.getParent());
      if (!Files.exists(p)) {
        Files.writeString(p, "#!/bin/sh\n");
      }
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    List<Path> toVerify = new ArrayList<>();
    for (String u : units) {
      toVerify.add(dir.resolve(UNIT_DIR).resolve(u));
    }
    for (String u : dropInUnits) {
      toVerify.add(dir.resolve(UNIT_DIR).resolve(u));
    }
    open(dir);
    return new Root(dir, toVerify);
  }

  /** Makes a tree readable by every user: the {@code --test} manager runs as nobody. */
  static void open(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.toList()) {
        if (Files.isDirectory(p)) {
          Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        } else if (!Files.isExecutable(p)) {
          Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        }
      }
    }
  }

  /** A unit name's file: instances load from their template. */
  static String template(String name) {
    int at = name.indexOf('@');
    int dot = name.lastIndexOf('.');
    return at < 0 ? name : name.substring(0, at + 1) + name.substring(dot);
  }

  private static String stub(String file) {
    String type = file.substring(file.lastIndexOf('.') + 1);
    return switch (type) {
      case "service" ->
          "[Unit]\nDescription=stub\n\n[Service]\nType=oneshot\nExecStart=/usr/bin/true\n";
      case "socket" -> "[Unit]\nDescription=stub\n\n[Socket]\nListenStream=/run/stub.sock\n";
      case "timer" -> "[Unit]\nDescription=stub\n\n[Timer]\nOnBootSec=1h\n";
      case "path" -> "[Unit]\nDescription=stub\n\n[Path]\nPathExists=/stub\n";
      default -> "[Unit]\nDescription=stub\n";
    };
  }

  /** Collects the units a unit file names and the programs it runs. */
  static void references(String text, Set<String> units, Set<String> programs) {
    for (String line : text.lines().toList()) {
      int eq = line.indexOf('=');
      if (line.startsWith("#") || eq < 0) {
        continue;
      }
      String key = line.substring(0, eq);
      String value = line.substring(eq + 1);
      if (DEPENDENCY_KEYS.contains(key)) {
        BLANKS
            .splitAsStream(value.trim())
            .filter(u -> !u.isEmpty())
            .forEach(u -> units.add(u.replace("%%", "%")));
      } else if (EXEC_KEY.matcher(key).matches()) {
        programs.add(program(value));
      }
    }
  }

  /** The program of an {@code ExecStart=} line as systemd reads it. */
  static String program(String value) {
    int i = 0;
    while (i < value.length() && "-@:+!".indexOf(value.charAt(i)) >= 0) {
      i++;
    }
    StringBuilder b = new StringBuilder();
    boolean quoted = false;
    for (; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\\' && i + 1 < value.length()) {
        b.append(value.charAt(++i));
      } else if (c == ' ' && !quoted) {
        break;
      } else {
        b.append(c);
      }
    }
    return b.toString().replace("%%", "%");
  }

  /** Environment for tools that read units from a folder rather than a root. */
  static Map<String, String> unitPath(Root r) {
    return Map.of("SYSTEMD_UNIT_PATH", r.dir().resolve(UNIT_DIR).toString());
  }
}
