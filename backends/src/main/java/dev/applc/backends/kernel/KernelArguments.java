package dev.applc.backends.kernel;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a kernel argument from a spec may look like. The kernel splits its command line at blanks,
 * strips double quotes and has no escapes, so a spec's argument must be one parameter: printable
 * ASCII without blanks or quotes, or {@code key="value"} with blanks only inside the quotes.
 * Anything else would become several parameters, or change the ones after it. Other characters
 * ({@code %}, {@code $}, backticks, {@code ;}, {@code '}) mean nothing to the kernel and are kept
 * as they are.
 */
final class KernelArguments {
  private static final Pattern WORD = Pattern.compile("[\\x21\\x23-\\x7e]+");
  private static final Pattern QUOTED =
      Pattern.compile("[\\x21\\x23-\\x3c\\x3e-\\x7e]+=\"[\\x20\\x21\\x23-\\x7e]*\"");
  private static final Pattern PLACEHOLDER = Pattern.compile("@[A-Z][A-Z0-9_]*@");
  private static final Pattern CONSOLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9,._:-]*");

  /** Arguments that start init in single-user mode (systemd reads them as rescue or emergency). */
  private static final Set<String> SINGLE_USER =
      Set.of("emergency", "rescue", "single", "s", "S", "1", "-s", "-b");

  private static final Set<String> FALSE = Set.of("0", "no", "false", "off", "n", "f");

  private KernelArguments() {}

  /** Whether the kernel reads the argument as exactly one parameter. */
  static boolean isOneParameter(String arg) {
    return WORD.matcher(arg).matches() || QUOTED.matcher(arg).matches();
  }

  /** Whether the argument holds something the build would take for a placeholder. */
  static boolean hasPlaceholder(String arg) {
    return PLACEHOLDER.matcher(arg).find();
  }

  static boolean isSafe(String arg) {
    return isOneParameter(arg) && !hasPlaceholder(arg);
  }

  /** A console as the kernel names it: {@code ttyS0,115200n8}, {@code uart8250,mmio32,0x1000}. */
  static boolean isSafeConsole(String console) {
    return CONSOLE.matcher(console).matches();
  }

  /** Where a shell would run: in the initrd, or in the booted system. */
  enum ShellScope {
    INITRD,
    SYSTEM
  }

  /** A shell an argument opens on the console. */
  record Shell(ShellScope scope, String how) {}

  /** The shell the argument opens on the console, if it opens one. */
  static Optional<Shell> opensShell(String arg) {
    int eq = arg.indexOf('=');
    String key = eq < 0 ? arg : arg.substring(0, eq);
    String value = eq < 0 ? "" : arg.substring(eq + 1);
    if (eq < 0 && SINGLE_USER.contains(arg)) {
      return system("boots into the rescue or emergency shell");
    }
    switch (key) {
      case "init" -> {
        return system("replaces init, for example with a shell");
      }
      case "rdinit" -> {
        return initrd("replaces the initrd's init, for example with a shell");
      }
      case "rd.emergency", "rd.rescue" -> {
        // dracut's `rd.emergency=reboot` says what to do instead of a shell.
        return eq < 0
            ? initrd("boots the initrd into the rescue or emergency shell")
            : Optional.empty();
      }
      case "rd.break" -> {
        return initrd("stops the initrd in a shell");
      }
      case "rd.shell", "rd.systemd.debug_shell" -> {
        return eq < 0 || !FALSE.contains(value) ? initrd("starts a shell") : Optional.empty();
      }
      case "systemd.debug_shell", "systemd.crash_shell" -> {
        return eq < 0 || !FALSE.contains(value) ? system("starts a shell") : Optional.empty();
      }
      case "systemd.unit", "systemd.wants" -> {
        return shellUnit(value)
            ? system("starts a rescue, emergency or debug shell")
            : Optional.empty();
      }
      case "rd.systemd.unit", "rd.systemd.wants" -> {
        return shellUnit(value)
            ? initrd("starts a rescue, emergency or debug shell")
            : Optional.empty();
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  private static boolean shellUnit(String unit) {
    return unit.contains("emergency") || unit.contains("rescue") || unit.contains("debug-shell");
  }

  private static Optional<Shell> system(String how) {
    return Optional.of(new Shell(ShellScope.SYSTEM, how));
  }

  private static Optional<Shell> initrd(String how) {
    return Optional.of(new Shell(ShellScope.INITRD, how));
  }
}
