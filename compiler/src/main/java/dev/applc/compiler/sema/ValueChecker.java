package dev.applc.compiler.sema;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.model.OciImage;
import dev.applc.compiler.syntax.Ast;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Gives a written value its type: checks it against the schema's {@link Type}, converts units, and
 * rejects strings that could not be used safely in the files generated from them.
 */
public final class ValueChecker {
  /** Binary size units, as systemd reads them: {@code M} is 1024² bytes. */
  public static final Map<String, Long> SIZE_UNITS =
      Map.ofEntries(
          Map.entry("B", 1L),
          Map.entry("K", 1L << 10),
          Map.entry("KiB", 1L << 10),
          Map.entry("M", 1L << 20),
          Map.entry("MiB", 1L << 20),
          Map.entry("G", 1L << 30),
          Map.entry("GiB", 1L << 30),
          Map.entry("T", 1L << 40),
          Map.entry("TiB", 1L << 40));

  public static final Map<String, Long> DURATION_UNITS =
      Map.of("ms", 1L, "s", 1000L, "min", 60_000L, "h", 3_600_000L, "d", 86_400_000L);

  private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+~_-]{0,63}");
  private static final Pattern URL = Pattern.compile("(https?|file)://[^\\s\"'`$\\\\;<>|&]+");
  private static final Pattern MODE = Pattern.compile("0?[0-7]{3,4}");
  private static final Pattern PACKAGE = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9.+_:-]*");
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9_.@+-]*");
  private static final Pattern SUBVOLUME =
      Pattern.compile("[A-Za-z0-9_@.+-]+(/[A-Za-z0-9_@.+-]+)*");
  private static final Pattern UNIT =
      Pattern.compile(
          "[a-zA-Z0-9:_.\\\\-]+(@[a-zA-Z0-9:_.\\\\-]*)?"
              + "\\.(service|socket|target|timer|mount|automount|path|slice|scope|device|swap)");

  private final Diagnostics diagnostics;

  public ValueChecker(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** The typed value, or empty when it is wrong (a diagnostic has then been reported). */
  public Optional<Val> check(Type type, Ast.Value value, String what) {
    if (type instanceof Type.OneOf oneOf) {
      return checkOneOf(oneOf, value, what);
    }
    if (type instanceof Type.Text text) {
      return checkText(text, value, what);
    }
    if (type instanceof Type.Int range) {
      return checkInt(range, value, what);
    }
    if (type instanceof Type.Size) {
      return checkSize(value, what);
    }
    if (type instanceof Type.Duration) {
      return checkDuration(value, what);
    }
    if (type instanceof Type.Bool) {
      return checkBool(value, what);
    }
    if (type instanceof Type.Choice choice) {
      return checkChoice(choice, value, what);
    }
    if (type instanceof Type.Word word) {
      return checkWord(word, value, what);
    }
    if (type instanceof Type.Ref) {
      if (value instanceof Ast.IdentValue id) {
        return Optional.of(new Val.Sym(id.name(), id.span()));
      }
      return wrongType(type, value, what);
    }
    if (type instanceof Type.Call call) {
      return checkCall(call, value, what);
    }
    if (type instanceof Type.ListOf list) {
      return checkList(list, value, what);
    }
    throw new IllegalStateException("unknown type " + type);
  }

  private Optional<Val> checkOneOf(Type.OneOf oneOf, Ast.Value value, String what) {
    for (Type option : oneOf.options()) {
      if (fitsShape(option, value)) {
        return check(option, value, what);
      }
    }
    // Nothing has this shape; a bare name most likely meant one of the choices.
    if (value instanceof Ast.IdentValue) {
      for (Type option : oneOf.options()) {
        if (option instanceof Type.Choice) {
          return check(option, value, what);
        }
      }
    }
    return wrongType(oneOf, value, what);
  }

  /** Whether a value is written the way a type is written (a name, a number, a list...). */
  static boolean fitsShape(Type type, Ast.Value value) {
    if (type instanceof Type.OneOf oneOf) {
      return oneOf.options().stream().anyMatch(o -> fitsShape(o, value));
    }
    if (type instanceof Type.Choice choice) {
      return value instanceof Ast.IdentValue id && choice.values().contains(id.name());
    }
    if (type instanceof Type.Bool) {
      return value instanceof Ast.IdentValue id && booleanOf(id.name()).isPresent();
    }
    if (type instanceof Type.Ref || type instanceof Type.Word) {
      return value instanceof Ast.IdentValue
          || (type instanceof Type.Word && value instanceof Ast.StringValue);
    }
    if (type instanceof Type.Text text) {
      return value instanceof Ast.StringValue
          || (text.kind() == Type.Text.Kind.TEXT && value instanceof Ast.TextValue);
    }
    if (type instanceof Type.Int) {
      return value instanceof Ast.HexValue
          || (value instanceof Ast.NumberValue n && n.unit().isEmpty());
    }
    if (type instanceof Type.Size) {
      return value instanceof Ast.HexValue
          || (value instanceof Ast.NumberValue n && !DURATION_UNITS.containsKey(n.unit()));
    }
    if (type instanceof Type.Duration) {
      return value instanceof Ast.NumberValue n && !SIZE_UNITS.containsKey(n.unit());
    }
    if (type instanceof Type.Call call) {
      return value instanceof Ast.CallValue c && c.function().text().equals(call.function());
    }
    if (type instanceof Type.ListOf) {
      return value instanceof Ast.ListValue;
    }
    return false;
  }

  private Optional<Val> checkText(Type.Text type, Ast.Value value, String what) {
    String s;
    if (value instanceof Ast.StringValue str) {
      s = str.value();
    } else if (value instanceof Ast.TextValue text && type.kind() == Type.Text.Kind.TEXT) {
      if (isPrivateKey(text.value())) {
        return inlineSecret(value);
      }
      return Optional.of(new Val.Str(text.value(), value.span()));
    } else if (value instanceof Ast.IdentValue id && type.kind() == Type.Text.Kind.VERSION) {
      s = id.name();
    } else {
      return wrongType(type, value, what);
    }
    if (isPrivateKey(s)) {
      return inlineSecret(value);
    }
    if (type.kind() != Type.Text.Kind.TEXT && trailingBackslashes(s) % 2 == 1) {
      return unsafe(
          value,
          what + " ends with `\\`, which would join the next line in the files it reaches",
          "remove the trailing backslash, or write `\\\\` for a literal one inside a command");
    }
    if (type.kind() != Type.Text.Kind.TEXT) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < 0x20 || c == 0x7f) {
          return unsafe(
              value,
              what + " must be a single line without control characters",
              "use a `\"\"\"` text block where several lines are allowed");
        }
      }
    }
    switch (type.kind()) {
      case PATH, OCI_IMAGE -> {
        OciImage image = OciImage.parse(s);
        String path = type.kind() == Type.Text.Kind.OCI_IMAGE ? image.path() : s;
        if (path.isEmpty() || path.startsWith("/")) {
          return badPath(
              value,
              what + " must be a path relative to the spec's folder",
              "write the path relative to the spec file, such as `\"overlay/\"`");
        }
        if (hasDotDot(path)) {
          return badPath(
              value,
              what + " must stay inside the spec's folder",
              "remove the `..`: files a spec uses live beside it");
        }
        if (image.ref().filter(String::isEmpty).isPresent()
            && type.kind() == Type.Text.Kind.OCI_IMAGE) {
          return badPath(
              value,
              what + " ends with `:` but names no image after it",
              "write the image's reference name after the `:`, such as `\"oci/base:latest\"`,"
                  + " or leave out the `:`");
        }
      }
      case ABSOLUTE_PATH, ABSOLUTE_GLOB -> {
        if (!s.startsWith("/")) {
          return badPath(
              value,
              what + " must be an absolute path",
              "start the path with `/`, such as `\"/data\"`");
        }
        if (hasDotDot(s)) {
          return badPath(value, what + " must not contain `..`", "write the path without `..`");
        }
        if (s.contains("//") || s.contains("/./") || s.endsWith("/.")) {
          return badPath(
              value,
              what + " is not in plain form: `" + s + "`",
              "write each folder once, without `//` or `/./`");
        }
        Optional<String> dots =
            type.kind() == Type.Text.Kind.ABSOLUTE_GLOB
                ? PathGlob.componentMatchingDots(s)
                : Optional.empty();
        if (dots.isPresent()) {
          return badPath(
              value,
              what + " has a component, `" + dots.get() + "`, that can match `.` or `..`",
              "a pattern must not climb out of its folder; for hidden files write `.[!.]*`");
        }
      }
      case VERSION -> {
        if (!VERSION.matcher(s).matches()) {
          return badValue(
              value,
              what + " is not a version: `" + s + "`",
              "a version is letters, digits and `.+~_-`, starting with a letter or digit,"
                  + " such as `\"1.2.0\"`");
        }
      }
      case URL -> {
        if (!URL.matcher(s).matches()) {
          return badValue(
              value,
              what + " is not a usable URL: `" + s + "`",
              "use an http, https or file URL without spaces, quotes or shell characters");
        }
      }
      case MODE -> {
        if (!MODE.matcher(s).matches()) {
          return badValue(
              value,
              what + " is not an octal file mode: `" + s + "`",
              "write the mode in octal, such as `\"0644\"` or `\"0755\"`");
        }
      }
      case HOSTNAME -> {
        if (!Hostnames.isValid(s)) {
          return badValue(
              value,
              what + " is not a host name: `" + s + "`",
              "use at most "
                  + Hostnames.MAX_LENGTH
                  + " letters, digits and hyphens, in labels separated by dots, such as"
                  + " `\"kiosk-01\"`");
        }
      }
      case COMPATIBLE -> {
        if (s.isBlank() || !s.strip().equals(s) || s.length() > 255) {
          return badValue(
              value,
              what + " must be a non-empty string of at most 255 characters without outer blanks",
              "name the devices the updates are for, such as `\"kiosk-amd64\"`; an update"
                  + " installs only where the device's compatible is the same");
        }
      }
      default -> {}
    }
    return Optional.of(new Val.Str(s, value.span()));
  }

  /** How an argument is shown in a usage hint: {@code signed(KEY)}, {@code copy("PATH")}. */
  private static String placeholder(Type t) {
    if (t instanceof Type.Ref r) {
      return r.kind().toUpperCase(Locale.ROOT);
    }
    return t instanceof Type.Text ? "\"...\"" : "...";
  }

  private static int trailingBackslashes(String s) {
    int n = 0;
    for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
      n++;
    }
    return n;
  }

  private static boolean isPrivateKey(String s) {
    return s.contains("-----BEGIN") && s.contains("PRIVATE KEY");
  }

  private Optional<Val> inlineSecret(Ast.Value value) {
    diagnostics.add(
        Diagnostic.error(Code.INLINE_SECRET, value.span(), "a private key is written in the spec")
            .label("secret material")
            .help(
                "keep private keys in files outside version control and refer to them with"
                    + " `key NAME { path = \"keys/NAME\" }`"));
    return Optional.empty();
  }

  private static boolean hasDotDot(String path) {
    for (String part : path.split("/", -1)) {
      if (part.equals("..")) {
        return true;
      }
    }
    return false;
  }

  private Optional<Val> checkInt(Type.Int range, Ast.Value value, String what) {
    Long n = null;
    if (value instanceof Ast.HexValue hex) {
      n = parseHex(hex.text());
    } else if (value instanceof Ast.NumberValue num && num.unit().isEmpty()) {
      if (num.digits().contains(".")) {
        return badValue(value, what + " must be a whole number", "remove the fraction");
      }
      n = parseLong(num.digits());
    } else if (value instanceof Ast.NumberValue num) {
      diagnostics.add(
          Diagnostic.error(Code.BAD_UNIT, value.span(), what + " is a plain number, without a unit")
              .label("unexpected unit `" + num.unit() + "`")
              .help("write just the number, such as `" + num.digits() + "`"));
      return Optional.empty();
    } else {
      return wrongType(range, value, what);
    }
    if (n == null) {
      return badValue(value, what + " is too large", "use a smaller number");
    }
    if (n < range.min() || n > range.max()) {
      return badValue(
          value,
          what + " must be between " + range.min() + " and " + range.max(),
          "use a number in that range");
    }
    return Optional.of(new Val.Int(n, value.span()));
  }

  private Optional<Val> checkSize(Ast.Value value, String what) {
    if (value instanceof Ast.HexValue hex) {
      Long n = parseHex(hex.text());
      if (n == null) {
        return badValue(value, what + " is too large", "use a smaller size");
      }
      return Optional.of(new Val.Bytes(n, value.span()));
    }
    if (!(value instanceof Ast.NumberValue num)) {
      return wrongType(new Type.Size(), value, what);
    }
    if (num.unit().isEmpty()) {
      if (num.digits().equals("0")) {
        return Optional.of(new Val.Bytes(0, value.span()));
      }
      diagnostics.add(
          Diagnostic.error(Code.BAD_UNIT, value.span(), what + " needs a unit")
              .label("a size without a unit")
              .help(
                  "write the unit: `"
                      + num.digits()
                      + "M` is "
                      + num.digits()
                      + " MiB; units are B, K, M, G and T, binary as in systemd")
              .fix("add the unit M", value.span(), num.digits() + "M"));
      return Optional.empty();
    }
    Long unit = SIZE_UNITS.get(num.unit());
    if (unit == null) {
      String lower = num.unit().toUpperCase(Locale.ROOT);
      String hint =
          lower.endsWith("B") && SIZE_UNITS.containsKey(lower.substring(0, lower.length() - 1))
              ? "sizes are binary: write `"
                  + num.digits()
                  + lower.charAt(0)
                  + "` ("
                  + lower.charAt(0)
                  + "iB, as systemd reads it)"
              : "size units are B, K, M, G and T (binary: 1M = 1024K), such as `512M` or"
                  + " `1.5G`";
      diagnostics.add(
          Diagnostic.error(Code.BAD_UNIT, value.span(), "`" + num.unit() + "` is not a size unit")
              .label("unknown unit")
              .help(hint));
      return Optional.empty();
    }
    BigDecimal bytes = new BigDecimal(num.digits()).multiply(BigDecimal.valueOf(unit));
    try {
      return Optional.of(new Val.Bytes(bytes.longValueExact(), value.span()));
    } catch (ArithmeticException e) {
      return badValue(
          value,
          what + " is not a whole number of bytes or is too large",
          "use a size such as `1536M` that is a whole number of bytes");
    }
  }

  private Optional<Val> checkDuration(Ast.Value value, String what) {
    if (!(value instanceof Ast.NumberValue num)) {
      return wrongType(new Type.Duration(), value, what);
    }
    Long unit = DURATION_UNITS.get(num.unit());
    if (unit == null) {
      diagnostics.add(
          Diagnostic.error(
                  Code.BAD_UNIT,
                  value.span(),
                  num.unit().isEmpty()
                      ? what + " needs a unit"
                      : "`" + num.unit() + "` is not a duration unit")
              .label(num.unit().isEmpty() ? "a duration without a unit" : "unknown unit")
              .help("duration units are ms, s, min, h and d, such as `30s` or `15min`"));
      return Optional.empty();
    }
    BigDecimal ms = new BigDecimal(num.digits()).multiply(BigDecimal.valueOf(unit));
    try {
      return Optional.of(new Val.Millis(ms.longValueExact(), value.span()));
    } catch (ArithmeticException e) {
      return badValue(
          value, what + " is not a whole number of milliseconds", "use a duration such as `90s`");
    }
  }

  static Optional<Boolean> booleanOf(String word) {
    return switch (word) {
      case "on", "yes", "true" -> Optional.of(true);
      case "off", "no", "false" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  private Optional<Val> checkBool(Ast.Value value, String what) {
    if (value instanceof Ast.IdentValue id) {
      Optional<Boolean> b = booleanOf(id.name());
      if (b.isPresent()) {
        return Optional.of(new Val.Bool(b.get(), value.span()));
      }
      diagnostics.add(
          Diagnostic.error(
                  Code.BAD_ENUM, value.span(), what + " is `on` or `off`, not `" + id.name() + "`")
              .label("not a switch value")
              .help("write `on` or `off`"));
      return Optional.empty();
    }
    return wrongType(new Type.Bool(), value, what);
  }

  private Optional<Val> checkChoice(Type.Choice choice, Ast.Value value, String what) {
    if (!(value instanceof Ast.IdentValue id)) {
      if (value instanceof Ast.StringValue s && choice.values().contains(s.value())) {
        diagnostics.add(
            Diagnostic.error(Code.WRONG_TYPE, value.span(), what + " is a name, not a string")
                .label("remove the quotes")
                .help("write `" + s.value() + "` without quotes")
                .fix("remove the quotes", value.span(), s.value()));
        return Optional.empty();
      }
      return wrongType(choice, value, what);
    }
    if (choice.values().contains(id.name())) {
      return Optional.of(new Val.Sym(id.name(), value.span()));
    }
    Diagnostic.Builder d =
        Diagnostic.error(
                Code.BAD_ENUM, value.span(), "`" + id.name() + "` is not a valid " + noun(what))
            .label("not one of the choices");
    Optional<String> near = Suggest.closest(id.name(), choice.values());
    if (near.isPresent()) {
      d.help("did you mean `" + near.get() + "`? " + what + " is " + choice.describe())
          .fix("use `" + near.get() + "`", value.span(), near.get());
    } else {
      d.help(what + " is " + choice.describe());
    }
    diagnostics.add(d);
    return Optional.empty();
  }

  private Optional<Val> checkWord(Type.Word word, Ast.Value value, String what) {
    String text;
    if (value instanceof Ast.IdentValue id) {
      text = id.name();
    } else if (value instanceof Ast.StringValue s) {
      text = s.value();
    } else {
      return wrongType(word, value, what);
    }
    Pattern pattern =
        switch (word.pattern()) {
          case PACKAGE -> PACKAGE;
          case NAME -> NAME;
          case UNIT -> UNIT;
          case SUBVOLUME -> SUBVOLUME;
        };
    boolean dotSegment =
        word.pattern() == Type.Word.Pattern.SUBVOLUME
            && java.util.Arrays.stream(text.split("/", -1))
                .anyMatch(s -> s.equals(".") || s.equals(".."));
    if (!pattern.matcher(text).matches() || dotSegment) {
      if (word.pattern() == Type.Word.Pattern.UNIT) {
        diagnostics.add(
            Diagnostic.error(
                    Code.UNIT_NAME, value.span(), "`" + text + "` is not a systemd unit name")
                .label("not a unit name")
                .help(
                    "a unit name ends in its type, such as `app.service` or `app.target`, and"
                        + " uses letters, digits and `:_.@-`"));
        return Optional.empty();
      }
      return unsafe(
          value,
          what
              + " `"
              + text
              + "` is not "
              + word.describe()
              + ": it has characters that cannot"
              + " be used safely",
          word.describe()
              + " uses letters, digits and `.+_-@`, starting with a letter, digit or `_`");
    }
    return Optional.of(new Val.Sym(text, value.span()));
  }

  private Optional<Val> checkCall(Type.Call call, Ast.Value value, String what) {
    if (!(value instanceof Ast.CallValue c) || !c.function().text().equals(call.function())) {
      return wrongType(call, value, what);
    }
    if (c.arguments().size() != call.arguments().size()) {
      return badValue(
          value,
          "`"
              + call.function()
              + "(...)` takes "
              + call.arguments().size()
              + " argument"
              + (call.arguments().size() == 1 ? "" : "s"),
          "write it as `"
              + call.function()
              + "("
              + String.join(", ", call.arguments().stream().map(ValueChecker::placeholder).toList())
              + ")`");
    }
    List<Val> args = new ArrayList<>();
    for (int i = 0; i < c.arguments().size(); i++) {
      Optional<Val> v = check(call.arguments().get(i), c.arguments().get(i), "the argument");
      if (v.isEmpty()) {
        return Optional.empty();
      }
      args.add(v.get());
    }
    return Optional.of(new Val.Call(call.function(), args, value.span()));
  }

  private Optional<Val> checkList(Type.ListOf list, Ast.Value value, String what) {
    if (!(value instanceof Ast.ListValue items)) {
      if (fitsShape(list.element(), value)) {
        diagnostics.add(
            Diagnostic.error(Code.WRONG_TYPE, value.span(), what + " must be a list")
                .label("a single value")
                .help("put the value in brackets: `[" + value.span().text() + "]`")
                .fix("make it a list", value.span(), "[" + value.span().text() + "]"));
        return Optional.empty();
      }
      return wrongType(list, value, what);
    }
    List<Val> out = new ArrayList<>();
    boolean ok = true;
    for (Ast.Value item : items.items()) {
      Optional<Val> v = check(list.element(), item, "an item of " + what);
      if (v.isPresent()) {
        out.add(v.get());
      } else {
        ok = false;
      }
    }
    return ok ? Optional.of(new Val.Items(out, value.span())) : Optional.empty();
  }

  private Optional<Val> wrongType(Type expected, Ast.Value value, String what) {
    Diagnostic.Builder d =
        Diagnostic.error(
                Code.WRONG_TYPE,
                value.span(),
                what + " must be " + expected.describe() + ", not " + describe(value))
            .label("expected " + shortName(expected));
    if (value instanceof Ast.StringValue s && !(expected instanceof Type.Text)) {
      d.help("remove the quotes if you meant `" + s.value() + "`");
    } else {
      d.help("write " + expected.describe());
    }
    diagnostics.add(d);
    return Optional.empty();
  }

  private static String shortName(Type type) {
    String s = type.describe();
    int cut = s.indexOf(" such as");
    return cut > 0 ? s.substring(0, cut) : s;
  }

  static String describe(Ast.Value value) {
    if (value instanceof Ast.StringValue) {
      return "a string";
    }
    if (value instanceof Ast.TextValue) {
      return "a text block";
    }
    if (value instanceof Ast.NumberValue n) {
      return n.unit().isEmpty() ? "a number" : "`" + n.text() + "`";
    }
    if (value instanceof Ast.HexValue) {
      return "a number";
    }
    if (value instanceof Ast.IdentValue id) {
      return "the name `" + id.name() + "`";
    }
    if (value instanceof Ast.CallValue c) {
      return "`" + c.function().text() + "(...)`";
    }
    return "a list";
  }

  private Optional<Val> unsafe(Ast.Value value, String message, String help) {
    diagnostics.add(
        Diagnostic.error(Code.UNSAFE_STRING, value.span(), message)
            .label("cannot be used safely")
            .help(help));
    return Optional.empty();
  }

  private Optional<Val> badPath(Ast.Value value, String message, String help) {
    diagnostics.add(
        Diagnostic.error(Code.BAD_PATH, value.span(), message).label("invalid path").help(help));
    return Optional.empty();
  }

  private Optional<Val> badValue(Ast.Value value, String message, String help) {
    diagnostics.add(
        Diagnostic.error(Code.WRONG_TYPE, value.span(), message).label("invalid value").help(help));
    return Optional.empty();
  }

  private static Long parseHex(String text) {
    try {
      return Long.parseLong(text.substring(2), 16);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Long parseLong(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * {@code what} after an article of the message's own: "the distribution" names a value as the
   * subject of a sentence, "a valid distribution" needs the bare noun.
   */
  static String noun(String what) {
    return what.startsWith("the ") ? what.substring("the ".length()) : what;
  }
}
