package dev.applc.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.backends.Backends;
import dev.applc.compiler.backend.OutputFile;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Compiler;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile strings in every string property that reaches a generated file: each is either rejected
 * with a diagnostic, or generated without changing the structure of the file it lands in (no
 * injected lines, sections or keys; shell scripts still parse).
 */
class AdversarialStringsTest {
  @TempDir Path tmp;

  /** Strings that would break out of an INI value, a unit setting or a shell word. */
  static final List<String> PAYLOADS =
      List.of(
          "a\\nExecStart=/bin/evil",
          "$(touch /tmp/pwned)",
          "`touch /tmp/pwned`",
          "a\\\"b",
          "it's",
          "a;b && c",
          "%n%h%%",
          "back\\\\slash",
          "two words",
          "[Install]",
          "# not a comment",
          "../../etc/shadow",
          "${HOME}");

  /** A spec where `@P@` marks the property under attack; every other value is ordinary. */
  static final List<String> TEMPLATES =
      List.of(
          "description = \"@P@\"",
          "hostname = \"@P@\"",
          "compatible = \"@P@\"",
          "os-file-content",
          "unit-description",
          "unit-exec",
          "unit-environment",
          "session-exec",
          "kernel-cmdline",
          "partition-label",
          "mount-options",
          "key-path",
          "update-source");

  static String spec(String template, String payload) {
    String p = payload;
    String appliance = "";
    String unit = "description = \"ready\"; type = oneshot; exec = \"/bin/true\"";
    String file = "content = \"hello\"";
    String session = "exec = \"/usr/bin/app\"";
    String cmdline = "\"quiet\"";
    String label = "\"data\"";
    String mountOptions = "\"noatime\"";
    String keyPath = "\"keys/db\"";
    String source = "\"https://updates.example.com/\"";
    switch (template) {
      case "os-file-content" -> file = "content = \"" + p + "\"";
      case "unit-description" ->
          unit = "description = \"" + p + "\"; type = oneshot; exec = \"/bin/true\"";
      case "unit-exec" -> unit = "type = oneshot; exec = \"/bin/echo " + p + "\"";
      case "unit-environment" ->
          unit = "type = oneshot; exec = \"/bin/true\"; environment = [\"X=" + p + "\"]";
      case "session-exec" -> session = "exec = \"/usr/bin/app " + p + "\"";
      case "kernel-cmdline" -> cmdline = "\"" + p + "\"";
      case "partition-label" -> label = "\"" + p + "\"";
      case "mount-options" -> mountOptions = "\"" + p + "\"";
      case "key-path" -> keyPath = "\"" + p + "\"";
      case "update-source" -> source = "\"" + p + "\"";
      default -> appliance = template.replace("@P@", p);
    }
    return String.join(
        "\n",
        "applc 1",
        "import std:boards/x86_64-uefi",
        "appliance t {",
        "  version = \"1.0\"",
        "  compatible = \"t-amd64\"",
        "  board = x86_64-uefi",
        "  " + appliance,
        "  os debian trixie {",
        "    packages = [systemd]",
        "    enable = [ready.service]",
        "    user app {}",
        "    file \"/etc/motd\" { " + file + " }",
        "    unit ready.service { " + unit + "; wanted-by = [multi-user.target] }",
        "  }",
        "  kernel { cmdline = [" + cmdline + "] }",
        "  uki { sign = db }",
        "  disk {",
        "    partition esp { type = esp; size = 512M }",
        "    slots [a, b] { partition usr { type = usr; size = 1G; format = erofs; verity = on } }",
        "    partition data { type = linux-generic; size = grow; mount = \"/data\"; label = "
            + label
            + "; mount-options = ["
            + mountOptions
            + "] }",
        "  }",
        "  session { user = app; " + session + " }",
        "  update sysupdate { source = " + source + " }",
        "  key db { path = " + keyPath + " }",
        "}",
        "");
  }

  private static final Pattern INI_LINE =
      Pattern.compile("^(|#.*|;.*|\\[[A-Za-z0-9 ._@:\"-]+\\]|[A-Za-z][A-Za-z0-9._-]*\\s*=.*)$");

  @TestFactory
  Stream<DynamicTest> hostileStringsAreRejectedOrContained() {
    List<DynamicTest> tests = new ArrayList<>();
    Compiler compiler = new Compiler(SourceProvider.fileSystem(SpecFolders.repoRoot()));
    for (String template : TEMPLATES) {
      for (String payload : PAYLOADS) {
        tests.add(
            DynamicTest.dynamicTest(
                template + " ← " + payload,
                () -> {
                  String text = spec(template, payload);
                  Result<Compilation> r = compiler.compile(new SourceFile("t.appliance", text));
                  if (r.hasErrors()) {
                    return; // Rejected, with a located diagnostic (the corpus checks rendering).
                  }
                  Diagnostics d = new Diagnostics();
                  OutputTree tree =
                      Backends.generate(
                          r.value().orElseThrow().appliances().get(0), "t.appliance", d);
                  for (OutputFile f : tree.files()) {
                    checkStructure(f);
                  }
                }));
      }
    }
    return tests.stream();
  }

  private void checkStructure(OutputFile f) throws Exception {
    String name = f.path();
    if (isIni(name)) {
      for (String line : f.text().split("\n", -1)) {
        assertTrue(INI_LINE.matcher(line).matches(), name + ": injected line `" + line + "`");
      }
    } else if (name.endsWith(".sh") || name.endsWith(".chroot") || name.endsWith("build.sh")) {
      Path script = tmp.resolve("script.sh");
      Files.writeString(script, f.text());
      Tools.Outcome o = Tools.run(tmp, "bash", "-n", script.toString());
      assertEquals(0, o.exit(), name + " no longer parses:\n" + o.output());
    }
  }

  private static boolean isIni(String path) {
    return path.endsWith(".conf")
        || path.endsWith(".transfer")
        || path.endsWith(".service")
        || path.endsWith(".target")
        || path.endsWith(".timer")
        || path.endsWith(".raucm");
  }
}
