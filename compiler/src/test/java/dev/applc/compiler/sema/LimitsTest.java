package dev.applc.compiler.sema;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Compiler;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.source.Limits;
import dev.applc.compiler.source.SourceFile;
import dev.applc.compiler.source.SourceProvider;
import dev.applc.compiler.source.TooLargeException;
import dev.applc.compiler.syntax.Formatter;
import dev.applc.compiler.syntax.SpecParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input over the documented limits is reported, never a crash: nesting and chains deeper than 64
 * (APL0009) would otherwise overflow the stack in the parser, the tree builder, the formatter or
 * the resolver; files over 4 MiB and names over 1,024 characters (APL0011) would exhaust memory.
 */
class LimitsTest {

  private static final String BOARD_BODY = " { arch = x86-64; firmware = uefi }\n";

  private static List<String> codes(Result<Compilation> r) {
    return r.diagnostics().stream().map(d -> d.code().id()).toList();
  }

  private static Result<Compilation> compile(String text) {
    return TestSpecs.compile(text);
  }

  @ParameterizedTest
  @ValueSource(ints = {2_000, 10_000})
  void deepBlocksAreReported(int depth) {
    String text = "applc 1\nappliance a {\n" + "x {\n".repeat(depth) + "}\n".repeat(depth) + "}\n";
    Result<Compilation> r = compile(text);
    assertEquals(List.of("APL0009"), codes(r));
    Diagnostic d = r.diagnostics().get(0);
    assertEquals(Limits.MAX_DEPTH + 2, d.span().startLine(), "at the block that opens level 65");
    // The formatter and the parser alone (as `fmt` and the editor use them) give the same.
    Diagnostics syntax = new Diagnostics();
    String formatted = Formatter.format(SpecParser.parse(new SourceFile("t", text), syntax));
    assertEquals("", formatted.strip());
    assertTrue(syntax.hasErrors());
  }

  @ParameterizedTest
  @ValueSource(ints = {2_000, 10_000})
  void deepListsAreReported(int depth) {
    String text =
        "applc 1\nappliance a {\n  packages = " + "[".repeat(depth) + "]".repeat(depth) + "\n}\n";
    assertEquals(List.of("APL0009"), codes(compile(text)));
  }

  @ParameterizedTest
  @ValueSource(ints = {2_000, 10_000})
  void deepCallsAreReported(int depth) {
    String text =
        "applc 1\nappliance a {\n  verity = " + "f(".repeat(depth) + ")".repeat(depth) + "\n}\n";
    assertEquals(List.of("APL0009"), codes(compile(text)));
  }

  @Test
  void unclosedOpenersAreReported() {
    String text = "applc 1\nappliance a {\n" + "x { [ (".repeat(5_000);
    assertEquals(List.of("APL0009"), codes(compile(text)));
  }

  /**
   * The brackets balance, but each `size = }` takes its `}` as the missing value and leaves its
   * block open: the parser nests one level per line (found by FuzzTest, 1,940 lines).
   */
  @Test
  void blocksLeftOpenBySyntaxErrorsAreReportedNotOverflowed() {
    String text =
        "applc 1\nappliance a {\n  disk {\n"
            + "    partition root { type = root; size = }\n".repeat(20_000)
            + "  }\n}\n";
    List<String> codes = codes(compile(text));
    assertTrue(codes.contains("APL0009"), codes::toString);
    // fmt parses the same way, and must not overflow either.
    assertDoesNotThrow(
        () -> Formatter.format(SpecParser.parse(new SourceFile("d", text), new Diagnostics())));
  }

  @Test
  void nestingUpToTheLimitIsRead() {
    // The appliance block is level 1; lists fill the remaining 63 levels.
    String text =
        "applc 1\nappliance a {\n  packages = "
            + "[".repeat(Limits.MAX_DEPTH - 1)
            + "]".repeat(Limits.MAX_DEPTH - 1)
            + "\n}\n";
    assertFalse(codes(compile(text)).contains("APL0009"));
    String deeper =
        "applc 1\nappliance a {\n  packages = "
            + "[".repeat(Limits.MAX_DEPTH)
            + "]".repeat(Limits.MAX_DEPTH)
            + "\n}\n";
    assertTrue(codes(compile(deeper)).contains("APL0009"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2_000, 10_000})
  void longExtendsChainsAreReported(int length) {
    StringBuilder text = new StringBuilder("applc 1\n");
    for (int i = 0; i < length; i++) {
      text.append("board b").append(i).append(" extends b").append(i + 1).append(BOARD_BODY);
    }
    text.append("board b").append(length).append(" { arch = x86-64; firmware = uefi }\n");
    Result<Compilation> r = compile(text.toString());
    assertTrue(codes(r).contains("APL0009"), () -> codes(r).toString());
    assertTrue(r.diagnostics().size() <= Diagnostics.MAX_PER_FILE + 1);
  }

  @Test
  void extendsChainsUpToTheLimitAreFollowed() {
    StringBuilder text = new StringBuilder("applc 1\n");
    int length = Limits.MAX_DEPTH - 1;
    for (int i = 0; i < length; i++) {
      text.append("board b").append(i).append(" extends b").append(i + 1).append(BOARD_BODY);
    }
    text.append("board b").append(length).append(" { arch = x86-64; firmware = uefi }\n");
    assertFalse(codes(compile(text.toString())).contains("APL0009"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2_000, 10_000})
  void longImportChainsAreReported(int length) {
    Map<String, String> files = new HashMap<>();
    for (int i = 1; i < length; i++) {
      files.put("f" + i + ".appliance", "applc 1\nimport \"f" + (i + 1) + ".appliance\"\n");
    }
    files.put("f" + length + ".appliance", "applc 1\n");
    Compiler compiler = new Compiler(name -> Optional.ofNullable(files.get(name)));
    Result<Compilation> r =
        compiler.compile(
            new SourceFile("f0.appliance", "applc 1\nimport \"f1.appliance\"\nappliance a {}\n"));
    List<Diagnostic> deep =
        r.diagnostics().stream().filter(d -> d.code() == Code.NESTING_TOO_DEEP).toList();
    assertEquals(1, deep.size(), () -> codes(r).toString());
    assertEquals("f" + (Limits.MAX_DEPTH - 1) + ".appliance", deep.get(0).span().file().name());
  }

  @Test
  void aFileOverTheLimitIsNotRead(@TempDir Path dir) throws IOException {
    Path big = dir.resolve("big.appliance");
    byte[] line = "# a comment line that fills the file up\n".getBytes(StandardCharsets.UTF_8);
    try (var out = Files.newOutputStream(big)) {
      for (int i = 0; i <= Limits.MAX_FILE_BYTES / line.length; i++) {
        out.write(line);
      }
    }
    SourceProvider files = SourceProvider.fileSystem(dir);
    try {
      files.read("big.appliance");
      throw new AssertionError("read a file over the limit");
    } catch (TooLargeException expected) {
      // Refused after reading the limit + 1 bytes.
    }
    Result<Compilation> root = new Compiler(files).compile("big.appliance");
    assertEquals(List.of("APL0011"), codes(root));
    Files.writeString(dir.resolve("main.appliance"), "applc 1\nimport \"big.appliance\"\n");
    Result<Compilation> imported = new Compiler(files).compile("main.appliance");
    assertEquals(List.of("APL0011"), codes(imported));
    assertEquals("main.appliance", imported.diagnostics().get(0).span().file().name());
  }

  @Test
  void aBufferOverTheLimitIsNotParsed() {
    String text = "applc 1\n" + "#".repeat(Limits.MAX_FILE_BYTES);
    assertEquals(List.of("APL0011"), codes(compile(text)));
  }

  @Test
  void aNameOverTheLimitIsReported() {
    String text = "applc 1\nappliance " + "a".repeat(1_000_000) + " {}\n";
    Result<Compilation> r = compile(text);
    assertEquals(List.of("APL0011"), codes(r));
    assertTrue(r.diagnostics().get(0).message().length() < 200);
  }

  /**
   * Found by the fuzzing harness: a NUL byte in an import string threw InvalidPathException. It is
   * a string that cannot name a file, reported at the import.
   */
  @Test
  void anImportWithANulByteIsRefusedAtTheImport(@TempDir Path dir) {
    Result<Compilation> r =
        new Compiler(SourceProvider.fileSystem(dir))
            .compile(new SourceFile("t.appliance", "applc 1\nimport \"a\u0000b.appliance\"\n"));
    assertEquals(List.of("APL0110"), codes(r));
  }
}
