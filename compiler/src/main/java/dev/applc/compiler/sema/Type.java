package dev.applc.compiler.sema;

import java.util.List;

/**
 * The type of a property value. A type knows how to describe itself to users ("a size such as
 * `512M`") so that messages, hover text and the language reference say the same thing.
 */
public sealed interface Type {

  /** A short description used in messages and docs. */
  String describe();

  /** Plain text in quotes. {@code text} also accepts a {@code """} text block. */
  record Text(Kind kind) implements Type {
    public enum Kind {
      /** Any single-line string. */
      STRING,
      /** A single-line string or a multi-line text block. */
      TEXT,
      /** A relative path inside the spec's folder: no {@code ..}, not absolute. */
      PATH,
      /**
       * A local OCI image: a relative path as {@link #PATH}, with an optional {@code :REF} that
       * names the image in it.
       */
      OCI_IMAGE,
      /** An absolute path on the appliance. */
      ABSOLUTE_PATH,
      /**
       * An absolute path on the appliance with {@code *}, {@code ?} and {@code [...]}; no component
       * can match {@code .} or {@code ..}.
       */
      ABSOLUTE_GLOB,
      /** A version such as {@code "1.2.0"}. */
      VERSION,
      /** A URL with http, https or file scheme. */
      URL,
      /** A file mode in octal, {@code "0644"}. */
      MODE,
      /** A host name as systemd accepts it: dot-separated labels, 64 characters at most. */
      HOSTNAME,
      /** RAUC's compatible string: not empty, no outer blanks, 255 characters at most. */
      COMPATIBLE
    }

    @Override
    public String describe() {
      return switch (kind) {
        case STRING -> "a string";
        case TEXT -> "a string or a `\"\"\"` text block";
        case PATH -> "a relative path in quotes, such as `\"overlay/\"`";
        case OCI_IMAGE ->
            "an OCI image layout or archive, relative, with an optional `:REF`, such as"
                + " `\"oci/base:latest\"`";
        case ABSOLUTE_PATH -> "an absolute path in quotes, such as `\"/data\"`";
        case ABSOLUTE_GLOB -> "an absolute path or glob in quotes, such as `\"/var/log/*\"`";
        case VERSION -> "a version in quotes, such as `\"1.2.0\"`";
        case URL -> "a URL in quotes, such as `\"https://updates.example.com/\"`";
        case MODE -> "an octal file mode in quotes, such as `\"0644\"`";
        case HOSTNAME -> "a host name in quotes, such as `\"kiosk-01\"`";
        case COMPATIBLE -> "a compatible string in quotes, such as `\"kiosk-amd64\"`";
      };
    }
  }

  /** A whole number (decimal or {@code 0x} hex). */
  record Int(long min, long max) implements Type {
    @Override
    public String describe() {
      return "a whole number";
    }
  }

  /** A size with a binary unit: {@code 512M}, {@code 1.5G}, {@code 0x8000}. */
  record Size() implements Type {
    @Override
    public String describe() {
      return "a size such as `512M` or `1.5G`";
    }
  }

  /** A duration: {@code 30s}, {@code 15min}, {@code 2h}. */
  record Duration() implements Type {
    @Override
    public String describe() {
      return "a duration such as `30s`, `15min` or `2h`";
    }
  }

  /** {@code on}/{@code off} (also {@code yes}/{@code no}, {@code true}/{@code false}). */
  record Bool() implements Type {
    @Override
    public String describe() {
      return "`on` or `off`";
    }
  }

  /** One of a fixed set of names. */
  record Choice(List<String> values) implements Type {
    public Choice {
      values = List.copyOf(values);
    }

    @Override
    public String describe() {
      if (values.size() == 1) {
        return "`" + values.get(0) + "`";
      }
      return values.size() <= 8
          ? "one of " + String.join(", ", values.stream().map(v -> "`" + v + "`").toList())
          : "a known name (see the language reference)";
    }
  }

  /** A name: a package, a user, a tty, a systemd unit. Written bare or in quotes. */
  record Word(Pattern pattern) implements Type {
    public enum Pattern {
      PACKAGE("a package name"),
      NAME("a name"),
      UNIT("a systemd unit name such as `app.service`"),
      SUBVOLUME("a subvolume path such as `@home` or `var/log`");

      private final String description;

      Pattern(String description) {
        this.description = description;
      }
    }

    @Override
    public String describe() {
      return pattern.description;
    }
  }

  /** A reference to a named element of a kind ({@code key}, {@code board}, ...). */
  record Ref(String kind) implements Type {
    @Override
    public String describe() {
      return "the name of a `" + kind + "`";
    }
  }

  /** A function-like form: {@code signed(key)}, {@code copy("path")}. */
  record Call(String function, List<Type> arguments) implements Type {
    public Call {
      arguments = List.copyOf(arguments);
    }

    @Override
    public String describe() {
      return "`" + function + "(...)`";
    }
  }

  /** A list of values of one type. */
  record ListOf(Type element) implements Type {
    @Override
    public String describe() {
      return "a list of " + element.describe().replaceFirst("^an? ", "") + " in `[...]`";
    }
  }

  /** Any of several types: {@code size = 512M} or {@code size = grow}. */
  record OneOf(List<Type> options) implements Type {
    public OneOf {
      options = List.copyOf(options);
    }

    @Override
    public String describe() {
      List<String> parts = options.stream().map(Type::describe).toList();
      return String.join(", or ", parts);
    }
  }
}
