package dev.applc.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.applc.cli.ApplcCommand;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Keeps docs/cli.md in step with the command line as picocli defines it: every command, option,
 * option value, parameter, environment variable and exit code is named on the page.
 */
class CliDocsTest {
  private static final String PAGE = "docs/cli.md";

  /** Environment variables named in option descriptions, such as NO_COLOR. */
  private static final Pattern ENVIRONMENT = Pattern.compile("\\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\\b");

  private final Path pagePath = Docs.repoRoot().resolve(PAGE);
  private final String page = Docs.read(pagePath);

  @TestFactory
  Stream<DynamicTest> everyCommandIsDocumented() {
    CommandLine top = ApplcCommand.commandLine();
    List<DynamicTest> tests = new ArrayList<>();
    URI source = pagePath.toUri();
    tests.add(
        DynamicTest.dynamicTest(
            "applc", source, () -> checkCommand("applc", top.getCommandSpec())));
    top.getSubcommands()
        .forEach(
            (name, sub) ->
                tests.add(
                    DynamicTest.dynamicTest(
                        "applc " + name,
                        source,
                        () -> checkCommand("applc " + name, sub.getCommandSpec()))));
    return tests.stream();
  }

  @Test
  void everyExitCodeIsDocumented() {
    CommandSpec top = ApplcCommand.commandLine().getCommandSpec();
    List<String> missing = new ArrayList<>();
    for (String code : top.usageMessage().exitCodeList().keySet()) {
      String trimmed = code.trim();
      if (!Pattern.compile("(?m)^\\|\\s*`?" + Pattern.quote(trimmed) + "`?\\s*\\|")
          .matcher(page)
          .find()) {
        missing.add(trimmed);
      }
    }
    assertEquals(List.of(), missing, PAGE + " should have a table row for each exit code");
  }

  private void checkCommand(String invocation, CommandSpec spec) {
    Set<String> missing = new LinkedHashSet<>();
    if (!mentions(invocation)) {
      missing.add(invocation);
    }
    for (OptionSpec option : spec.options()) {
      for (String name : option.names()) {
        if (!mentions(name)) {
          missing.add(name);
        }
      }
      Iterable<String> candidates = option.completionCandidates();
      if (candidates != null && option.type().isEnum()) {
        for (String value : candidates) {
          if (!mentions(value.toLowerCase(Locale.ROOT))) {
            missing.add(option.longestName() + " value " + value.toLowerCase(Locale.ROOT));
          }
        }
      }
      Matcher env = ENVIRONMENT.matcher(String.join(" ", option.description()));
      while (env.find()) {
        if (!mentions(env.group())) {
          missing.add(env.group());
        }
      }
    }
    for (PositionalParamSpec parameter : spec.positionalParameters()) {
      String label = parameter.paramLabel().replaceAll("[<>.]", "");
      if (!mentions(label)) {
        missing.add(label);
      }
    }
    assertEquals(Set.of(), missing, PAGE + " should document everything `" + invocation + "` has");
  }

  /** Whether the page names a word as a whole: {@code --format}, not part of {@code --formats}. */
  private boolean mentions(String word) {
    return Pattern.compile("(?<![\\w-])" + Pattern.quote(word) + "(?![\\w-])").matcher(page).find();
  }
}
