package dev.applc.compiler.sema;

import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Compiler;
import dev.applc.compiler.driver.Result;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.source.SourceFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Compiles spec text in memory, with a small board library, for compiler unit tests. */
final class TestSpecs {
  private TestSpecs() {}

  static final String BOARDS =
      """
      applc 1
      board pc { arch = x86-64; firmware = uefi }
      board pi {
        arch = arm64
        firmware = uboot
        family = raspberry-pi
        storage = "/dev/mmcblk0"
        uboot-env { offset = 0x100000; redundant-offset = 0x200000; size = 0x8000 }
      }
      """;

  /** An appliance on the `pc` board with the given disk body and extra appliance lines. */
  static String appliance(String disk, String extra) {
    return "applc 1\nimport \"boards.appliance\"\nappliance t {\n  version = \"1.0\"\n"
        + "  board = pc\n  os debian bookworm {}\n  disk {\n"
        + disk
        + "\n  }\n"
        + extra
        + "\n}\n";
  }

  static Result<Compilation> compile(String text) {
    return compile(text, Map.of());
  }

  static Result<Compilation> compile(String text, Map<String, String> files) {
    Map<String, String> all = new HashMap<>(files);
    all.put("boards.appliance", BOARDS);
    Compiler compiler = new Compiler(name -> Optional.ofNullable(all.get(name)));
    return compiler.compile(new SourceFile("test.appliance", text));
  }

  static Appliance model(String text) {
    Result<Compilation> r = compile(text);
    if (!r.diagnostics().isEmpty()) {
      throw new AssertionError("unexpected diagnostics: " + codes(r));
    }
    return r.value().orElseThrow().appliances().get(0);
  }

  static List<String> codes(Result<Compilation> r) {
    return r.diagnostics().stream()
        .map(d -> d.code().id() + " " + d.span().startLine() + ":" + d.span().startColumn())
        .toList();
  }

  static List<String> messages(Result<Compilation> r) {
    return r.diagnostics().stream().map(Diagnostic::message).toList();
  }
}
