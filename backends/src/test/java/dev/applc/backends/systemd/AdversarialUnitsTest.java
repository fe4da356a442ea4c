package dev.applc.backends.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Content;
import dev.applc.compiler.model.Content.UnitDefinition;
import dev.applc.compiler.model.OperatingSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile spec strings in every unit setting that takes free text: {@code %} specifiers, {@code $}
 * variables, backticks, backslashes, quotes and {@code ;}. Each reaches the unit file escaped so
 * that systemd-analyze accepts it and systemd's manager reads back exactly the spec's string (for
 * commands: exactly the spec's words). What a unit file cannot carry is refused with a diagnostic.
 */
class AdversarialUnitsTest {
  @TempDir Path tmp;

  /** Free text for descriptions and environment values. */
  static final List<String> TEXT =
      List.of(
          "100% done %n %% %i",
          "$HOME ${PATH} $$ $",
          "`id` $(id)",
          "back\\slash \\\\ \\n \\x41 \\;",
          "\"double\" 'single' it's",
          "semi; colon ; && || <> #hash");

  /** Command lines and the arguments the program must get. */
  static final List<String> EXEC =
      List.of(
          "/usr/bin/printf %s 50% %%n",
          "/usr/bin/printf $HOME ${PATH} $$ $",
          "/usr/bin/printf `id` $(id)",
          "/usr/bin/printf a\\b \\\\ \\n \\; \\x41",
          "/usr/bin/printf \"two words\" 'single \"dq\"' \"it's\" --x=\"a;b\" \"\"",
          "/usr/bin/printf ; a;b #hash &&");

  static final List<List<String>> ARGV =
      List.of(
          List.of("/usr/bin/printf", "%s", "50%", "%%n"),
          List.of("/usr/bin/printf", "$HOME", "${PATH}", "$$", "$"),
          List.of("/usr/bin/printf", "`id`", "$(id)"),
          List.of("/usr/bin/printf", "a\\b", "\\\\", "\\n", "\\;", "\\x41"),
          List.of("/usr/bin/printf", "two words", "single \"dq\"", "it's", "--x=a;b", ""),
          List.of("/usr/bin/printf", ";", "a;b", "#hash", "&&"));

  static final String PRE = "-/usr/bin/true %h $1 \"a b\"";
  static final List<String> PRE_ARGV = List.of("/usr/bin/true", "%h", "$1", "a b");

  /** A user name as odd as systemd's relaxed rules allow. */
  static final String USER = "u%n$x`y`\"q\";z\\w'";

  static final String SESSION_EXEC = "/usr/bin/printf %s $HOME \"a b\" \\;";
  static final List<String> SESSION_ARGV = List.of("/usr/bin/printf", "%s", "$HOME", "a b", "\\;");
  static final String SESSION_ENV = "S=%% $x \\ \"q\" 'r' ;";

  /** A string as a spec writes it. */
  static String lit(String s) {
    return "\""
        + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t")
        + "\"";
  }

  static String spec() {
    StringBuilder b = new StringBuilder();
    b.append("applc 1\n\nimport std:boards/x86_64-uefi\nimport std:layouts/ab-verity-root\n\n");
    b.append("appliance adv {\n  version = \"0.1.0\"\n  board = x86_64-uefi\n");
    b.append("  os debian bookworm {\n");
    for (int i = 0; i < TEXT.size(); i++) {
      b.append("    unit adv").append(i).append(".service {\n");
      b.append("      description = ").append(lit(TEXT.get(i))).append('\n');
      b.append("      type = oneshot\n");
      b.append("      exec = ").append(lit(EXEC.get(i))).append('\n');
      b.append("      exec-pre = [").append(lit(PRE)).append("]\n");
      b.append("      environment = [").append(lit("V=" + TEXT.get(i))).append("]\n");
      b.append("    }\n");
    }
    b.append("  }\n");
    b.append("  session {\n    user = root\n    target = multi-user.target\n    exec = ")
        .append(lit(SESSION_EXEC))
        .append('\n');
    b.append("    environment = [").append(lit(SESSION_ENV)).append("]\n  }\n");
    b.append("  disk extends ab-verity-root {\n    size = 4G\n  }\n}\n");
    return b.toString();
  }

  /** The appliance, with the odd user on every unit (the language's names cannot spell it). */
  static Appliance appliance() {
    Appliance a = Specs.checked(Specs.compileText(spec()));
    List<UnitDefinition> units = new ArrayList<>();
    for (UnitDefinition u : a.os().content().units()) {
      units.add(Models.withUser(u, USER));
    }
    return Models.withUnits(a, units);
  }

  @Test
  void hostileStringsReachTheUnitFilesAsThemselves() throws Exception {
    Specs.Output out = Specs.generate(appliance(), "test.appliance").clean();
    // The manager runs as nobody: it must reach the root.
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    UnitRoot.Root root = UnitRoot.write(out.tree(), tmp.resolve("root"));
    assertEquals(List.of(), Verify.problems(root));

    StringBuilder wants = new StringBuilder("[Unit]\nDescription=all\nWants=adv-session.service");
    for (int i = 0; i < TEXT.size(); i++) {
      wants.append(" adv").append(i).append(".service");
    }
    Files.writeString(root.dir().resolve(UnitRoot.UNIT_DIR).resolve("all.target"), wants + "\n");
    UnitRoot.open(root.dir());
    String manager = RealTools.manager();
    RealTools.Outcome r =
        RealTools.run(
            root.dir(),
            UnitRoot.unitPath(root),
            RealTools.unprivileged(
                List.of(
                    manager, "--test", "--system", "--unit=all.target", "--log-target=console")));
    for (int i = 0; i < TEXT.size(); i++) {
      ManagerDump d = ManagerDump.of(r.output(), "adv" + i + ".service");
      assertEquals(TEXT.get(i), d.description(), "Description= of adv" + i);
      assertEquals(List.of("V=" + TEXT.get(i)), d.environment(), "Environment= of adv" + i);
      assertEquals(USER, d.user(), "User= of adv" + i);
      assertEquals(List.of(ARGV.get(i)), d.execStart(), "ExecStart= of adv" + i);
      assertEquals(List.of(PRE_ARGV), d.execStartPre(), "ExecStartPre= of adv" + i);
    }
    ManagerDump s = ManagerDump.of(r.output(), "adv-session.service");
    assertEquals(List.of(SESSION_ARGV), s.execStart());
    assertEquals(List.of(SESSION_ENV), s.environment());
  }

  /** The spec's words, split here, are the arguments systemd passes (checked above). */
  @Test
  void commandLinesSplitIntoTheWordsTheSpecWrote() {
    for (int i = 0; i < EXEC.size(); i++) {
      assertEquals(
          Optional.of(ARGV.get(i)),
          ExecLine.words(EXEC.get(i), null, new dev.applc.compiler.diag.Diagnostics()),
          EXEC.get(i));
    }
  }

  @Test
  void newlinesAreRejectedByTheCompiler() {
    String spec = spec().replace(lit(EXEC.get(0)), lit("/usr/bin/true\nExecStartPre=/bin/sh"));
    Result<Compilation> r = Specs.compileText(spec);
    assertTrue(r.hasErrors(), "a newline in `exec` compiled");
    assertTrue(
        r.diagnostics().stream().anyMatch(d -> d.code() == Code.UNSAFE_STRING),
        r.diagnostics().toString());
    spec = spec().replace(lit("V=" + TEXT.get(0)), lit("V=a\nExecStart=/bin/sh"));
    assertTrue(Specs.compileText(spec).hasErrors(), "a newline in `environment` compiled");
  }

  /** What a unit file cannot carry as written is refused, at the spec's text. */
  @Test
  void valuesAUnitFileCannotCarryAreRefused() {
    Map<String, String> cases =
        Map.of(
            "description starts with a blank", "description = \" leading\"",
            "unclosed quote", "exec = \"/usr/bin/printf \\\"unclosed\"",
            "`$` in the program", "exec = \"/opt/$x/run\"",
            "environment without a name", "environment = [\"=value\"]",
            "environment name with a blank", "environment = [\"A B=c\"]",
            "environment without `=`", "environment = [\"NOVALUE\"]");
    for (var c : cases.entrySet()) {
      String spec =
          "applc 1\nimport std:boards/x86_64-uefi\nimport std:layouts/ab-verity-root\n"
              + "appliance bad {\n  version = \"0.1.0\"\n  board = x86_64-uefi\n"
              + "  os debian bookworm {\n    unit bad.service {\n      type = oneshot\n"
              + (c.getValue().startsWith("exec") ? "" : "      exec = \"/usr/bin/true\"\n")
              + "      "
              + c.getValue()
              + "\n    }\n  }\n  disk extends ab-verity-root {\n    size = 4G\n  }\n}\n";
      Specs.Output out = Specs.generate(Specs.checked(Specs.compileText(spec)), "bad.appliance");
      List<Diagnostic> errors = out.diagnostics().stream().filter(Diagnostic::isError).toList();
      assertEquals(1, errors.size(), c.getKey() + ": " + out.diagnostics());
      assertEquals(Code.UNSAFE_STRING, errors.get(0).code(), c.getKey());
      assertTrue(
          errors
              .get(0)
              .span()
              .text()
              .contains(c.getValue().substring(c.getValue().indexOf('=') + 2)),
          c.getKey() + " points at " + errors.get(0).span().text());
      assertTrue(!out.has(SystemdBackend.unitPath("bad.service")), c.getKey());
    }
  }

  @Test
  void userNamesSystemdRefusesAreRefused() {
    for (String user : List.of("a:b", "a/b", "..", " x", "x\\")) {
      Appliance a = appliance();
      UnitDefinition u = Models.withUser(a.os().content().units().get(0), user);
      Specs.Output out = Specs.generate(Models.withUnits(a, List.of(u)), "test.appliance");
      assertEquals(
          List.of(Code.UNSAFE_STRING),
          out.diagnostics().stream().map(Diagnostic::code).toList(),
          user);
    }
  }

  /** Rebuilds model records with one part changed. */
  static final class Models {
    private Models() {}

    static UnitDefinition withUser(UnitDefinition u, String user) {
      return new UnitDefinition(
          u.name(),
          u.content(),
          u.description(),
          u.after(),
          u.before(),
          u.wants(),
          u.requires(),
          u.wantedBy(),
          u.type(),
          u.exec(),
          u.execPre(),
          Optional.of(user),
          u.restart(),
          u.restartSecMillis(),
          u.environment(),
          u.remainAfterExit(),
          u.standardOutput(),
          u.origin());
    }

    static Appliance withUnits(Appliance a, List<UnitDefinition> units) {
      OperatingSystem os = a.os();
      OperatingSystem changed =
          new OperatingSystem(
              os.distribution(),
              os.release(),
              os.mirror(),
              os.ociImage(),
              os.packages(),
              os.removePackages(),
              os.strip(),
              os.firmwareKeep(),
              os.overlays(),
              os.postInstall(),
              os.init(),
              os.root(),
              os.factoryEtc(),
              os.enable(),
              os.mask(),
              os.defaultTarget(),
              new Content(os.content().files(), os.content().users(), units),
              os.tools(),
              os.origin());
      return new Appliance(
          a.name(),
          a.version(),
          a.compatible(),
          a.hostname(),
          a.description(),
          a.board(),
          changed,
          a.boot(),
          a.disk(),
          a.session(),
          a.lockdown(),
          a.profiles(),
          a.sysexts(),
          a.update(),
          a.build(),
          a.keys(),
          a.origin());
    }
  }
}
