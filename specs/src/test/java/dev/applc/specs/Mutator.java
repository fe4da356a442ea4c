package dev.applc.specs;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes one mutant of a spec file from a seeded {@link Random}: the same seed gives the same
 * mutants on every machine. Mutations are what editors, generators and attackers produce: tokens
 * deleted, duplicated, inserted or spliced in from elsewhere, lines shuffled, the file cut short,
 * deep nesting, huge tokens, control characters, NUL bytes, random byte flips and invalid UTF-8.
 *
 * @see Fuzz
 */
final class Mutator {
  /** Whole tokens: text blocks, strings, comments, words and numbers, anything else. */
  private static final Pattern TOKEN =
      Pattern.compile(
          "\"\"\"[\\s\\S]*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"?|#[^\\n]*|[A-Za-z0-9_.@+:/-]+|\\S");

  private static final List<String> VOCABULARY =
      List.of(
          "{",
          "}",
          "[",
          "]",
          "(",
          ")",
          "=",
          ",",
          ";",
          "\"",
          "\"\"\"",
          "#",
          "\n",
          "applc 1",
          "import",
          "extends",
          "import std:boards/rpi4",
          "import \"nope.appliance\"",
          "import \"../x.appliance\"",
          "\"text\"",
          "\"a\\qb\"",
          "\"open",
          "512M",
          "0x",
          "1.5G",
          "15min",
          "x",
          "appliance",
          "board",
          "layout",
          "disk",
          "partition",
          "slots [a, b]",
          "os",
          "unit",
          "key",
          "update",
          "size",
          "type",
          "verity",
          "signed(db)",
          "f(",
          "$",
          "\\",
          "é",
          "\t",
          "appliance z {}",
          "size = 1G",
          "board b extends b {}",
          "\r",
          "\r\n",
          "\uFEFF",
          "\uD800",
          "\uDFFF",
          "😀");

  /** Characters a terminal acts on: C0 controls, DEL, C1 controls, bidi and line separators. */
  private static final char[] CONTROL = {
    0, 7, 8, 0x1b, '\r', 0x0b, 0x0c, 0x7f, 0x85, 0x9b, 0x9d, '\u202e', '\u2066', '\u2028'
  };

  enum Kind {
    DELETE_TOKEN,
    INSERT_TOKEN,
    DUPLICATE_TOKEN,
    SPLICE,
    DELETE_LINE,
    DUPLICATE_LINE,
    SWAP_LINES,
    TRUNCATE,
    DEEP_NESTING,
    HUGE_TOKEN,
    CONTROL_CHARACTERS,
    NUL_BYTES,
    BYTE_FLIPS,
    INVALID_UTF8,
    REPEAT
  }

  /**
   * A mutant: its bytes as a file would hold them, and a description to reproduce it.
   *
   * @param text the bytes decoded as UTF-8, bad sequences replaced, as an editor would hold them
   */
  record Mutant(byte[] bytes, String text, Kind kind, String description) {
    static Mutant of(String text, Kind kind, String description) {
      return new Mutant(text.getBytes(StandardCharsets.UTF_8), text, kind, description);
    }

    static Mutant ofBytes(byte[] bytes, Kind kind, String description) {
      return new Mutant(bytes, new String(bytes, StandardCharsets.UTF_8), kind, description);
    }
  }

  private final Random random;

  Mutator(Random random) {
    this.random = random;
  }

  Mutant mutate(String text, String other) {
    Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
    List<int[]> tokens = tokens(text);
    String[] lines = text.split("\n", -1);
    int at = tokens.isEmpty() ? 0 : tokens.get(random.nextInt(tokens.size()))[random.nextInt(2)];
    switch (kind) {
      case DELETE_TOKEN, DUPLICATE_TOKEN -> {
        if (tokens.isEmpty()) {
          return Mutant.of(text, kind, "no tokens");
        }
        int[] t = tokens.get(random.nextInt(tokens.size()));
        String token = text.substring(t[0], t[1]);
        String replacement = kind == Kind.DELETE_TOKEN ? "" : token + " " + token;
        return Mutant.of(
            text.substring(0, t[0]) + replacement + text.substring(t[1]),
            kind,
            "`" + token + "` at " + t[0]);
      }
      case INSERT_TOKEN -> {
        String word = VOCABULARY.get(random.nextInt(VOCABULARY.size()));
        return Mutant.of(insert(text, at, " " + word + " "), kind, "`" + word + "` at " + at);
      }
      case SPLICE -> {
        // A run of tokens from another file (or this one) dropped in at a token boundary.
        List<int[]> from = tokens(other);
        if (from.isEmpty()) {
          return Mutant.of(text, kind, "no tokens");
        }
        int a = random.nextInt(from.size());
        int b = Math.min(from.size() - 1, a + random.nextInt(20));
        String run = other.substring(from.get(a)[0], from.get(b)[1]);
        return Mutant.of(insert(text, at, run), kind, run.length() + " characters at " + at);
      }
      case DELETE_LINE, DUPLICATE_LINE, SWAP_LINES -> {
        int a = random.nextInt(lines.length);
        int b = random.nextInt(lines.length);
        String[] out = lines.clone();
        if (kind == Kind.SWAP_LINES) {
          out[a] = lines[b];
          out[b] = lines[a];
        } else {
          out[a] = kind == Kind.DELETE_LINE ? "" : lines[a] + "\n" + lines[a];
        }
        return Mutant.of(String.join("\n", out), kind, "lines " + (a + 1) + ", " + (b + 1));
      }
      case TRUNCATE -> {
        int cut = random.nextInt(text.length() + 1);
        return Mutant.of(text.substring(0, cut), kind, "at " + cut);
      }
      case DEEP_NESTING -> {
        int[] depths = {63, 64, 65, 100, 2_000, 10_000};
        int depth = depths[random.nextInt(depths.length)];
        String[][] shapes = {{"x {\n", "}\n"}, {"[", "]"}, {"f(", ")"}, {"[f(", ")]"}};
        String[] shape = shapes[random.nextInt(shapes.length)];
        boolean closed = random.nextInt(4) > 0;
        String nest = shape[0].repeat(depth) + (closed ? shape[1].repeat(depth) : "");
        return Mutant.of(insert(text, at, nest), kind, depth + " x " + shape[0].strip());
      }
      case HUGE_TOKEN -> {
        int[] lengths = {61, 1_025, 100_000, 1_000_000};
        int length = lengths[random.nextInt(lengths.length)];
        String[] shapes = {"a", "\"", "#", "9", "\"\"\""};
        String shape = shapes[random.nextInt(shapes.length)];
        String huge =
            switch (shape) {
              case "\"" -> "\"" + "s ".repeat(length / 2) + "\"";
              case "#" -> "#" + "c".repeat(length);
              case "9" -> "9".repeat(length);
              case "\"\"\"" -> "\"\"\"" + "t\n".repeat(length / 2) + "\"\"\"";
              default -> "a".repeat(length);
            };
        return Mutant.of(insert(text, at, huge), kind, length + " x " + shape);
      }
      case CONTROL_CHARACTERS -> {
        StringBuilder out = new StringBuilder(text);
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
          out.insert(random.nextInt(out.length() + 1), CONTROL[random.nextInt(CONTROL.length)]);
        }
        return Mutant.of(out.toString(), kind, n + " characters");
      }
      case NUL_BYTES -> {
        StringBuilder out = new StringBuilder(text);
        int n = 1 + random.nextInt(random.nextBoolean() ? 4 : 1_000);
        int where = random.nextInt(out.length() + 1);
        out.insert(where, "\0".repeat(n));
        return Mutant.of(out.toString(), kind, n + " at " + where);
      }
      case BYTE_FLIPS -> {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int n = 1 + random.nextInt(8);
        for (int i = 0; i < n && bytes.length > 0; i++) {
          bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return Mutant.ofBytes(bytes, kind, n + " flips");
      }
      case INVALID_UTF8 -> {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[][] bad = {
          {(byte) 0xff},
          {(byte) 0xc3},
          {(byte) 0xe2, (byte) 0x82},
          {(byte) 0x80},
          {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
          {(byte) 0xf8, (byte) 0x88, (byte) 0x80}
        };
        byte[] b = bad[random.nextInt(bad.length)];
        int where = random.nextInt(bytes.length + 1);
        byte[] out = new byte[bytes.length + b.length];
        System.arraycopy(bytes, 0, out, 0, where);
        System.arraycopy(b, 0, out, where, b.length);
        System.arraycopy(bytes, where, out, where + b.length, bytes.length - where);
        return Mutant.ofBytes(out, kind, b.length + " bad bytes at " + where);
      }
      case REPEAT -> {
        // Many problems in one file: a line (often a property) repeated thousands of times.
        String line = lines[random.nextInt(lines.length)];
        int n = 1 + random.nextInt(5_000);
        return Mutant.of(insert(text, at, ("\n" + line).repeat(n) + "\n"), kind, n + " x " + line);
      }
    }
    throw new AssertionError(kind);
  }

  private static String insert(String text, int at, String what) {
    return text.substring(0, at) + what + text.substring(at);
  }

  private static List<int[]> tokens(String text) {
    Matcher m = TOKEN.matcher(text);
    java.util.ArrayList<int[]> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(new int[] {m.start(), m.end()});
    }
    return out;
  }
}
