package dev.applc.backends.mkosi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.backend.OutputFile;
import dev.applc.compiler.diag.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile strings in every spec property that reaches the mkosi tree: each is either rejected with
 * a diagnostic (package and user names by the checker; values mkosi's unquoted settings cannot hold
 * by this backend), or arrives meaning exactly what the spec said: in the scripts, as the arguments
 * bash hands the commands (the scripts are run with stub commands, after shellcheck); in
 * mkosi.conf, as one value of the right setting, which mkosi 14 itself reads back.
 */
class AdversarialStringsTest {
  @TempDir Path tmp;

  /** What the checker accepts as a package name. */
  static final Pattern PACKAGE = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9.+_:-]*");

  static final List<String> CORPUS =
      List.of(
          "%n",
          "a%%b",
          "line\nbreak",
          "$HOME",
          "${x}",
          "$(id)",
          "\"q\"",
          "'q'",
          "it's",
          "a;b",
          "a&b|c",
          "a b",
          " lead",
          "trail ",
          "back\\slash",
          "`cmd`",
          "#hash",
          "x #y",
          "!bang",
          "[group]",
          "key=value",
          "a,b",
          "a:b",
          "tab\there",
          "\\n",
          "*glob?");

  private static final String SPEC =
      """
      applc 1

      import std:boards/x86_64-uefi

      appliance adv {
        version = "0.1.0"
        board   = x86_64-uefi

        os debian @RELEASE@ {
          packages = [@PACKAGE@]
          strip    = [@STRIP@]
          file @PATH@ {
            content = @CONTENT@
          }
          user @USER@ {
            home  = @HOME@
            shell = @SHELL@
          }
        }

        kernel {
          cmdline = [@ARG@]
        }

        disk {
          partition esp { type = esp; size = 256M }
          partition root { type = root; size = 2G; format = ext4 }
        }
      }
      """;

  static String literal(String s) {
    return "\""
        + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t")
        + "\"";
  }

  record Values(
      String pkg,
      String strip,
      String path,
      String content,
      String user,
      String home,
      String shell,
      String arg) {
    static Values benign() {
      return new Values(
          "systemd",
          "/usr/share/doc",
          "/etc/app.conf",
          "x",
          "bob",
          "/home/bob",
          "/bin/sh",
          "quiet");
    }

    String spec(String release, boolean quotePackage) {
      return SPEC.replace("@RELEASE@", release)
          .replace("@PACKAGE@", quotePackage ? literal(pkg) : pkg)
          .replace("@STRIP@", literal(strip))
          .replace("@PATH@", literal(path))
          .replace("@CONTENT@", literal(content))
          .replace("@USER@", user.equals("bob") ? "bob" : literal(user))
          .replace("@HOME@", literal(home))
          .replace("@SHELL@", literal(shell))
          .replace("@ARG@", literal(arg));
    }
  }

  @Test
  void theBenignSpecGeneratesCleanly() {
    for (String release : List.of("bookworm", "trixie")) {
      MkosiSpecs.Outcome o = MkosiSpecs.generateText(Values.benign().spec(release, false));
      assertFalse(o.rejected(), o.rendered());
    }
  }

  @TestFactory
  Stream<DynamicTest> packageAndUserNamesAreRejectedByTheChecker() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String s : CORPUS) {
      tests.add(
          DynamicTest.dynamicTest(
              "package " + s,
              () -> {
                Values v = Values.benign();
                v =
                    new Values(
                        "p" + s,
                        v.strip(),
                        v.path(),
                        v.content(),
                        v.user(),
                        v.home(),
                        v.shell(),
                        v.arg());
                MkosiSpecs.Outcome o = MkosiSpecs.generateText(v.spec("trixie", true));
                if (PACKAGE.matcher("p" + s).matches()) {
                  // A real package name (`a:b` is Debian's multi-arch form): one item of the list.
                  assertFalse(o.rejected(), o.rendered());
                  assertTrue(
                      o.text(MkosiBackend.CONF)
                          .lines()
                          .anyMatch(l -> l.equals("Packages=p" + s) || l.equals("        p" + s)),
                      o.text(MkosiBackend.CONF));
                  return;
                }
                assertTrue(o.rejected(), "accepted package " + s);
                assertTrue(o.tree().under(MkosiBackend.DIR).isEmpty());
              }));
      tests.add(
          DynamicTest.dynamicTest(
              "user " + s,
              () -> {
                Values v = Values.benign();
                v =
                    new Values(
                        v.pkg(),
                        v.strip(),
                        v.path(),
                        v.content(),
                        "u" + s,
                        v.home(),
                        v.shell(),
                        v.arg());
                MkosiSpecs.Outcome o = MkosiSpecs.generateText(v.spec("trixie", false));
                assertTrue(o.rejected(), "accepted user " + s);
              }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> scriptStringsArriveAsWritten() {
    List<DynamicTest> tests = new ArrayList<>();
    int n = 0;
    for (String release : List.of("bookworm", "trixie")) {
      for (String s : CORPUS) {
        int i = n++;
        Values b = Values.benign();
        tests.add(
            script(
                release + " content " + s,
                i,
                release,
                new Values(
                    b.pkg(), b.strip(), b.path(), s, b.user(), b.home(), b.shell(), b.arg())));
        tests.add(
            script(
                release + " path " + s,
                i,
                release,
                new Values(
                    b.pkg(),
                    b.strip(),
                    "/etc/x" + s,
                    b.content(),
                    b.user(),
                    b.home(),
                    b.shell(),
                    b.arg())));
        tests.add(
            script(
                release + " home " + s,
                i,
                release,
                new Values(
                    b.pkg(),
                    b.strip(),
                    b.path(),
                    b.content(),
                    b.user(),
                    "/home/" + s,
                    b.shell(),
                    b.arg())));
        tests.add(
            script(
                release + " shell " + s,
                i,
                release,
                new Values(
                    b.pkg(),
                    b.strip(),
                    b.path(),
                    b.content(),
                    b.user(),
                    b.home(),
                    "/bin/" + s,
                    b.arg())));
      }
    }
    return tests.stream();
  }

  private DynamicTest script(String name, int i, String release, Values v) {
    return DynamicTest.dynamicTest(
        name,
        () -> {
          MkosiSpecs.Outcome o = MkosiSpecs.generateText(v.spec(release, false));
          if (o.rejected()) {
            assertTrue(
                o.diagnostics().stream().anyMatch(Diagnostic::isError), "rejected, with an error");
            assertTrue(
                v.path().contains("\n")
                    || v.path().contains("\t")
                    || v.home().contains("\n")
                    || v.home().contains("\t")
                    || v.shell().contains("\n")
                    || v.shell().contains("\t")
                    || v.path().contains("//"),
                "only single-line paths may be refused here: " + o.rendered());
            return;
          }
          Path dir = tmp.resolve("s" + i + "-" + Integer.toHexString(name.hashCode()));
          assertTrue(ShellcheckTest.check(o.tree(), dir.resolve("shellcheck")) >= 1);
          Dialect d = release.equals("bookworm") ? Dialect.V14 : Dialect.CURRENT;
          OutputFile script = o.tree().get(MkosiBackend.DIR + "/" + d.postinstName()).orElseThrow();
          List<StubRun.Call> calls = StubRun.run(script, dir);
          StubRun.Call tee =
              calls.stream().filter(c -> c.name().equals("tee")).findFirst().orElseThrow();
          assertEquals(List.of("--", v.path(), "STDIN", v.content()), tee.args(), script.text());
          assertTrue(
              calls.stream()
                  .anyMatch(c -> c.argv().equals(List.of("chmod", "--", "0644", v.path()))),
              calls.toString());
          StubRun.Call useradd =
              calls.stream().filter(c -> c.name().equals("useradd")).findFirst().orElseThrow();
          List<String> args = useradd.args();
          assertEquals(v.home(), args.get(args.indexOf("--home-dir") + 1));
          assertEquals(v.shell(), args.get(args.indexOf("--shell") + 1));
          assertEquals(List.of("--", "bob"), args.subList(args.size() - 2, args.size()));
        });
  }

  @TestFactory
  Stream<DynamicTest> configStringsAreOneValueOrRefused() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String release : List.of("bookworm", "trixie")) {
      for (String s : CORPUS) {
        Values b = Values.benign();
        tests.add(
            config(
                release + " strip " + s,
                release,
                "/usr/x" + s,
                new Values(
                    b.pkg(),
                    "/usr/x" + s,
                    b.path(),
                    b.content(),
                    b.user(),
                    b.home(),
                    b.shell(),
                    b.arg())));
        tests.add(
            config(
                release + " cmdline " + s,
                release,
                "x" + s,
                new Values(
                    b.pkg(),
                    b.strip(),
                    b.path(),
                    b.content(),
                    b.user(),
                    b.home(),
                    b.shell(),
                    "x" + s)));
      }
    }
    return tests.stream();
  }

  private DynamicTest config(String name, String release, String value, Values v) {
    return DynamicTest.dynamicTest(
        name,
        () -> {
          MkosiSpecs.Outcome o = MkosiSpecs.generateText(v.spec(release, false));
          Dialect d = release.equals("bookworm") ? Dialect.V14 : Dialect.CURRENT;
          if (o.rejected()) {
            assertTrue(o.diagnostics().stream().anyMatch(Diagnostic::isError), o.rendered());
            if (!o.tree().under(MkosiBackend.DIR).isEmpty()) {
              // Refused by this backend: the value is left out, never written half-way.
              String conf = o.text(MkosiBackend.CONF);
              assertFalse(conf.contains(value), conf);
              assertTrue(o.rendered().contains("APL0600"), o.rendered());
            }
            return;
          }
          String conf = o.text(MkosiBackend.CONF);
          String written = d == Dialect.CURRENT ? value.replace("%", "%%") : value;
          assertTrue(
              conf.lines().anyMatch(l -> l.strip().equals(written) || l.endsWith("=" + written)),
              "`" + written + "` is not one value of\n" + conf);
          assertEquals(List.of(), DigestKeys.problems(conf, d), conf);
          if (d == Dialect.V14 && value.startsWith("/usr/x")) {
            Tools.require("mkosi");
            Path dir =
                MkosiSpecs.writeMkosi(
                    o.tree(),
                    tmp.resolve("c" + Integer.toHexString(name.hashCode())).resolve("mkosi"));
            String out = Tools.ok(dir, List.of("mkosi", "--directory=" + dir, "summary"));
            assertTrue(
                out.lines().anyMatch(l -> l.strip().endsWith(value)),
                "mkosi 14 did not read `" + value + "` back:\n" + out);
          }
        });
  }
}
