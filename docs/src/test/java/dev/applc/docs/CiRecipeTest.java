package dev.applc.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.applc.build.ApplcLauncher;
import dev.applc.cli.ApplcCommand;
import dev.applc.cli.Main;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * docs/ci.md's recipe runs as written. Its check, compile and diff steps run in bash, with an
 * {@code applc} on the PATH that is this applc, in a git repository holding a copy of the spec the
 * recipe names; the build and test steps need root and images, so their {@code applc} commands are
 * only parsed by applc's own command line, which refuses an unknown option or a bad value.
 */
class CiRecipeTest {
  private static final String PAGE = "docs/ci.md";
  private static final Pattern STEP = Pattern.compile("(?m)^# step: (\\S+)\\n");
  private static final Pattern DEFAULT = Pattern.compile("(?m)^(\\w+)=\\$\\{\\w+:-([^}]*)}");

  private static String preamble;
  private static final Map<String, String> STEPS = new LinkedHashMap<>();

  @TempDir static Path repo;

  @BeforeAll
  static void readTheRecipe() throws Exception {
    Path root = Docs.repoRoot();
    List<Markdown.CodeBlock> scripts =
        Markdown.codeBlocks(Docs.read(root.resolve(PAGE))).stream()
            .filter(b -> b.language().equals("sh") && STEP.matcher(b.text()).find())
            .toList();
    assertEquals(1, scripts.size(), PAGE + " should have one sh block with `# step:` lines");
    String script = scripts.get(0).text();
    Matcher m = STEP.matcher(script);
    int previousEnd = -1;
    String previous = null;
    while (m.find()) {
      if (previous == null) {
        preamble = script.substring(0, m.start());
      } else {
        STEPS.put(previous, script.substring(previousEnd, m.start()));
      }
      previous = m.group(1);
      previousEnd = m.end();
    }
    STEPS.put(previous, script.substring(previousEnd));

    // A repository of the team's own: the spec the recipe names, committed.
    String spec = defaults().get("SPEC");
    Path copy = repo.resolve(spec);
    Files.createDirectories(copy.getParent());
    Files.copy(root.resolve(spec), copy);
    git("init", "-q");
    git("add", ".");
    git("-c", "user.name=ci", "-c", "user.email=ci@example.org", "commit", "-q", "-m", "spec");
  }

  private static Map<String, String> defaults() {
    Map<String, String> values = new LinkedHashMap<>();
    Matcher d = DEFAULT.matcher(preamble);
    while (d.find()) {
      values.put(d.group(1), d.group(2));
    }
    return values;
  }

  @Test
  void theRecipeHasItsFiveStepsInOrder() {
    assertEquals(List.of("check", "compile", "diff", "build", "test"), List.copyOf(STEPS.keySet()));
    assertTrue(preamble.contains("set -eu"), "the recipe stops at the first failure");
    assertTrue(defaults().containsKey("CACHE"), "the recipe names the cache folder");
  }

  @Test
  void checkAndCompileRunAsWritten() throws Exception {
    Run check = bash("check", Map.of());
    assertEquals(0, check.exit(), check.output());
    // The SARIF log is the file the code-scanning upload reads.
    String sarif = Files.readString(repo.resolve("applc.sarif"), StandardCharsets.UTF_8);
    assertEquals(
        "2.1.0", JsonParser.parseString(sarif).getAsJsonObject().get("version").getAsString());

    Run compile = bash("compile", Map.of());
    assertEquals(0, compile.exit(), compile.output());
    assertTrue(Files.isRegularFile(repo.resolve("generated/manifest.json")), compile.output());
  }

  @Test
  void checkFailsTheJobOnAnError() throws Exception {
    Path spec = repo.resolve(defaults().get("SPEC"));
    String text = Files.readString(spec);
    try {
      Files.writeString(spec, text.replace("appliance ", "appliance {"), StandardCharsets.UTF_8);
      Run check = bash("check", Map.of());
      assertFalse(check.exit() == 0, "a broken spec passed the check step:\n" + check.output());
    } finally {
      Files.writeString(spec, text, StandardCharsets.UTF_8);
    }
  }

  @Test
  void diffOnReviewRunsAsWritten() throws Exception {
    Run noReview = bash("diff", Map.of());
    assertEquals(0, noReview.exit(), noReview.output());
    assertFalse(Files.exists(repo.resolve("review.md")), "no review, no comment");

    Path spec = repo.resolve(defaults().get("SPEC"));
    String text = Files.readString(spec);
    Matcher version = Pattern.compile("version\\s*=\\s*\"([^\"]+)\"").matcher(text);
    assertTrue(version.find(), "the spec has a version");
    try {
      Files.writeString(
          spec,
          text.replace(version.group(), version.group().replace(version.group(1), "9.9.9")),
          StandardCharsets.UTF_8);
      Run review = bash("diff", Map.of("BASE", "HEAD"));
      assertEquals(0, review.exit(), review.output());
      String comment = Files.readString(repo.resolve("review.md"), StandardCharsets.UTF_8);
      assertTrue(comment.startsWith("### Generated files of "), comment);
      assertTrue(comment.contains("9.9.9"), comment);
    } finally {
      Files.writeString(spec, text, StandardCharsets.UTF_8);
    }
  }

  @Test
  void buildAndTestAreCommandsApplcAccepts() {
    Map<String, String> values = defaults();
    List<String> parsed = new ArrayList<>();
    for (String step : List.of("build", "test")) {
      for (String line : STEPS.get(step).lines().toList()) {
        if (!line.startsWith("applc ")) {
          continue;
        }
        List<String> words = words(line, values);
        CommandLine cli = ApplcCommand.commandLine();
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // Throws on an unknown command or option, a missing one, or a bad value.
        List<CommandLine> commands =
            cli.parseArgs(words.subList(1, words.size()).toArray(new String[0]))
                .asCommandLineList();
        parsed.add(commands.get(commands.size() - 1).getCommandName());
      }
    }
    assertEquals(List.of("build", "prune", "test"), parsed);
  }

  /** The check above would notice a wrong option: the same parse refuses one. */
  @Test
  void aWrongOptionIsRefusedByThatParse() {
    CommandLine cli = ApplcCommand.commandLine();
    assertThrows(
        CommandLine.ParameterException.class,
        () -> cli.parseArgs("build", "--format=yaml", "--cache=c", "x.appliance", "-o", "out"));
    assertThrows(
        CommandLine.ParameterException.class,
        () -> cli.parseArgs("test", "x.appliance", "-o", "out", "--cache-dir=c"));
  }

  /**
   * A command line of the script as the shell would split it: {@code "$VAR"} and {@code $VAR} from
   * the recipe's defaults, quotes removed, and a redirection ({@code >FILE}) dropped.
   */
  private static List<String> words(String line, Map<String, String> values) {
    List<String> words = new ArrayList<>();
    for (String word : line.split("\\s+")) {
      if (word.startsWith(">") || word.startsWith("2>")) {
        continue;
      }
      String w = word.replace("\"", "");
      for (Map.Entry<String, String> v : values.entrySet()) {
        w = w.replace("$" + v.getKey(), v.getValue());
      }
      assertFalse(w.contains("$"), "an unknown variable in: " + line);
      words.add(w);
    }
    return words;
  }

  record Run(int exit, String output) {}

  /** Runs the preamble and one step in bash, in the repository, with this applc on the PATH. */
  private static Run bash(String step, Map<String, String> environment) throws Exception {
    try (ApplcLauncher applc = ApplcLauncher.create(Main.class.getName())) {
      ProcessBuilder pb =
          new ProcessBuilder("bash", "-c", preamble + STEPS.get(step))
              .directory(repo.toFile())
              .redirectErrorStream(true);
      pb.environment().remove("BASE");
      pb.environment().remove("SPEC");
      pb.environment().remove("CACHE");
      pb.environment().put("PATH", applc.script().getParent() + ":" + pb.environment().get("PATH"));
      pb.environment().putAll(environment);
      Process p = pb.start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("step " + step + " timed out");
      }
      return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
  }

  private static void git(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
  }
}
