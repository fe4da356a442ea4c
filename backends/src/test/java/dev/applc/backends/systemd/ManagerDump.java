package dev.applc.backends.systemd;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;

/**
 * How systemd's service manager read a unit, from the dump of {@code systemd --test}: the values
 * after systemd's own parsing (quotes, C escapes, specifiers), which is how a test sees that a spec
 * string arrived as itself.
 */
record ManagerDump(
    String description,
    String user,
    List<String> environment,
    List<List<String>> execStartPre,
    List<List<String>> execStart) {

  /** Reads the block of {@code unit} from a dump. */
  static ManagerDump of(String dump, String unit) {
    List<String> block = new ArrayList<>();
    boolean in = false;
    for (String line : dump.lines().toList()) {
      if (line.equals("\t-> Unit " + unit + ":")) {
        in = true;
      } else if (in && line.startsWith("\t-> ")) {
        break;
      } else if (in) {
        block.add(line);
      }
    }
    assertFalse(block.isEmpty(), "no " + unit + " in the dump:\n" + dump);
    String description = "";
    String user = "";
    List<String> environment = new ArrayList<>();
    List<List<String>> pre = new ArrayList<>();
    List<List<String>> start = new ArrayList<>();
    List<List<String>> current = null;
    for (String line : block) {
      if (line.startsWith("\t\tDescription: ")) {
        description = line.substring("\t\tDescription: ".length());
      } else if (line.startsWith("\t\tUser: ")) {
        user = line.substring("\t\tUser: ".length());
      } else if (line.startsWith("\t\tEnvironment: ")) {
        environment.add(line.substring("\t\tEnvironment: ".length()));
      } else if (line.equals("\t\t-> ExecStartPre:")) {
        current = pre;
      } else if (line.equals("\t\t-> ExecStart:")) {
        current = start;
      } else if (line.startsWith("\t\t-> ")) {
        current = null;
      } else if (current != null && line.startsWith("\t\t\tCommand Line: ")) {
        current.add(argv(line.substring("\t\t\tCommand Line: ".length())));
      }
    }
    return new ManagerDump(description, user, environment, pre, start);
  }

  /**
   * The arguments of a dumped command line, as the program receives them: the dump quotes words as
   * a shell would ({@code "a \"b\" \$c"}), and at start systemd turns each {@code $$} into {@code
   * $} (a lone {@code $} would expand a variable: not literal, so it fails here).
   */
  static List<String> argv(String line) {
    List<String> words = new ArrayList<>();
    int i = 0;
    while (i < line.length()) {
      StringBuilder w = new StringBuilder();
      if (line.charAt(i) == '"') {
        i++;
        while (line.charAt(i) != '"') {
          char c = line.charAt(i++);
          if (c == '\\') {
            char e = line.charAt(i++);
            switch (e) {
              case 't' -> w.append('\t');
              case 'n' -> w.append('\n');
              default -> w.append(e);
            }
          } else {
            w.append(c);
          }
        }
        i++;
      } else {
        while (i < line.length() && line.charAt(i) != ' ') {
          w.append(line.charAt(i++));
        }
      }
      words.add(atStart(w.toString()));
      i++; // the blank between words
    }
    return words;
  }

  private static String atStart(String word) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c == '$') {
        if (i + 1 < word.length() && word.charAt(i + 1) == '$') {
          i++;
        } else {
          throw new AssertionError("`" + word + "` expands a variable at start");
        }
      }
      b.append(c);
    }
    return b.toString();
  }
}
