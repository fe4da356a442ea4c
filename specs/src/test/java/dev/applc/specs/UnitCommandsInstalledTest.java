package dev.applc.specs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.applc.compiler.backend.OutputFile;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.driver.Compiler;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.UnitCommands;
import dev.applc.compiler.source.SourceProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every program a unit of the image runs comes from a package the image installs: the session's
 * {@code ExecStartPre=/usr/bin/chvt} without {@code kbd} failed the session and the mark-good unit
 * that needs it. Every absolute program in an {@code Exec*=} line of every generated unit and
 * drop-in of every spec is looked up here; a new program that applc generates must be added to the
 * table, and its package to the image.
 */
class UnitCommandsInstalledTest {
  /**
   * Which package ships each program (the same name in Debian and Arch Linux, except
   * systemd-sysupdate: Debian ships it in systemd-container, Arch Linux in systemd).
   */
  static final Map<String, String> PROVIDED_BY =
      Map.of(
          "/bin/echo", "coreutils",
          "/usr/bin/true", "coreutils",
          "/usr/bin/chvt", "kbd",
          "/usr/bin/rauc", "rauc",
          "/usr/bin/gamescope", "gamescope",
          "/usr/bin/cage", "cage",
          "/usr/lib/systemd/systemd-sysupdate", "systemd-container");

  /**
   * Packages every image has without listing them: coreutils is Essential in Debian and part of
   * Arch Linux's {@code base}; systemd is the init these units run under.
   */
  static final Set<String> ALWAYS = Set.of("coreutils", "systemd");

  @Test
  void everyProgramAUnitRunsIsInAnInstalledPackage() {
    List<String> checked = new ArrayList<>();
    for (String folder : SpecFolders.all()) {
      OutputTree tree = GoldenOutputTest.generate(folder);
      // What the build installs (an OCI image's packages are its own: the model's list then).
      List<String> installed =
          bootstrapPackages(text(tree, "build/phases/00-bootstrap.sh"))
              .orElseGet(() -> UnitCommands.imagePackages(appliance(folder)));
      List<String> mkosi = mkosiPackages(text(tree, "mkosi/mkosi.conf"));
      for (OutputFile f : tree.files()) {
        if (!f.path().startsWith("rootfs/") || !f.path().contains("/systemd/system/")) {
          continue;
        }
        for (String program : programs(f.text())) {
          String where = folder + " " + f.path() + ": " + program;
          String pkg = PROVIDED_BY.get(program);
          if (pkg == null) {
            fail(where + " is in no package of the table: add it, and make applc install it");
          }
          assertTrue(
              ALWAYS.contains(pkg) || installed.contains(pkg),
              where + " needs package " + pkg + ", which the build does not install: " + installed);
          assertTrue(
              ALWAYS.contains(pkg) || mkosi.isEmpty() || mkosi.contains(pkg),
              where + " needs package " + pkg + ", which mkosi.conf does not install: " + mkosi);
          checked.add(where);
        }
      }
    }
    assertTrue(
        checked.stream().anyMatch(c -> c.endsWith("loisto-session.service: /usr/bin/chvt")),
        checked::toString);
  }

  /** The absolute programs of a unit's {@code Exec*=} lines, their prefixes ({@code -@:+!}) off. */
  static List<String> programs(String unit) {
    List<String> out = new ArrayList<>();
    for (String line : unit.lines().toList()) {
      if (!line.startsWith("Exec") || !line.contains("=")) {
        continue;
      }
      String command = line.substring(line.indexOf('=') + 1).replaceFirst("^[-@:+!|]+", "");
      if (command.startsWith("/")) {
        out.add(command.split("\\s+", 2)[0]);
      }
    }
    return out;
  }

  /** The packages of mmdebstrap's {@code --include} or pacstrap's words, if the phase has them. */
  static Optional<List<String>> bootstrapPackages(String phase) {
    Matcher include = Pattern.compile("--include='([^']*)'").matcher(phase);
    if (include.find()) {
      return Optional.of(List.of(include.group(1).split(",")));
    }
    Matcher pacstrap = Pattern.compile("(?m)^pacstrap .*\"\\$rootfs\" (.*)$").matcher(phase);
    if (pacstrap.find()) {
      return Optional.of(
          Pattern.compile("'([^']*)'")
              .matcher(pacstrap.group(1))
              .results()
              .map(m -> m.group(1))
              .toList());
    }
    return Optional.empty();
  }

  /** The {@code Packages=} of mkosi.conf: the indented lines after it. */
  static List<String> mkosiPackages(String conf) {
    List<String> out = new ArrayList<>();
    boolean in = false;
    for (String line : conf.lines().toList()) {
      if (line.startsWith("Packages=")) {
        in = true;
      } else if (in && line.startsWith(" ")) {
        out.add(line.trim());
      } else {
        in = false;
      }
    }
    return out;
  }

  private static String text(OutputTree tree, String path) {
    return tree.get(path).map(OutputFile::text).orElse("");
  }

  private static Appliance appliance(String folder) {
    return new Compiler(SourceProvider.fileSystem(SpecFolders.repoRoot()))
        .compile(SpecFolders.specFile(folder))
        .value()
        .orElseThrow()
        .appliances()
        .get(0);
  }
}
