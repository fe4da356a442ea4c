package dev.applc.compiler.syntax;

import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceSpan;
import java.util.List;
import java.util.Optional;

/**
 * The syntax tree of a spec file: immutable records, each with the span it came from. Nothing here
 * refers to ANTLR; the parser facade turns ANTLR's tree into these.
 */
public final class Ast {
  private Ast() {}

  /** Anything with a place in the source. */
  public sealed interface Node permits SpecFile, Header, Import, Statement, Value, Name {
    SourceSpan span();
  }

  /** A whole file: its version header, imports, top-level statements and comments. */
  public record SpecFile(
      SourceFile source,
      Optional<Header> header,
      List<Import> imports,
      List<Statement> statements,
      List<Comment> comments,
      SourceSpan span)
      implements Node {
    public SpecFile {
      imports = List.copyOf(imports);
      statements = List.copyOf(statements);
      comments = List.copyOf(comments);
    }
  }

  /** {@code applc 1}. */
  public record Header(String version, SourceSpan versionSpan, SourceSpan span) implements Node {}

  /** {@code import std:boards/rpi4} or {@code import "local.appliance"}. */
  public record Import(String target, boolean standardLibrary, SourceSpan span) implements Node {}

  /** A {@code # comment}; kept so that the formatter can put it back. */
  public record Comment(String text, SourceSpan span) {}

  /** An identifier as written, with its span. */
  public record Name(String text, SourceSpan span) implements Node {}

  /** A property or a block. */
  public sealed interface Statement extends Node permits Property, Block {}

  /** {@code key = value}. */
  public record Property(Name key, Value value, SourceSpan span) implements Statement {}

  /** {@code kind label... [extends parent] { statements }}. */
  public record Block(
      Name kind, List<Value> labels, Optional<Name> parent, List<Statement> body, SourceSpan span)
      implements Statement {
    public Block {
      labels = List.copyOf(labels);
      body = List.copyOf(body);
    }
  }

  /** A value as written; the compiler gives it a type from the schema. */
  public sealed interface Value extends Node
      permits StringValue, TextValue, NumberValue, HexValue, IdentValue, CallValue, ListValue {}

  /** {@code "text"}, with escapes already decoded. */
  public record StringValue(String value, SourceSpan span) implements Value {}

  /** {@code """multi-line text"""}, verbatim. */
  public record TextValue(String value, SourceSpan span) implements Value {}

  /** {@code 512M}, {@code 1.5G}, {@code 15min}, {@code 3}: the digits and the unit. */
  public record NumberValue(String digits, String unit, SourceSpan span) implements Value {
    public String text() {
      return digits + unit;
    }
  }

  /** {@code 0x100000}. */
  public record HexValue(String text, SourceSpan span) implements Value {}

  /** {@code esp}, {@code x86-64}, {@code app.service}: an enum value or a reference. */
  public record IdentValue(String name, SourceSpan span) implements Value {}

  /** {@code signed(verity)}, {@code copy("img")}. */
  public record CallValue(Name function, List<Value> arguments, SourceSpan span) implements Value {
    public CallValue {
      arguments = List.copyOf(arguments);
    }
  }

  /** {@code [a, b]}. */
  public record ListValue(List<Value> items, SourceSpan span) implements Value {
    public ListValue {
      items = List.copyOf(items);
    }
  }
}
