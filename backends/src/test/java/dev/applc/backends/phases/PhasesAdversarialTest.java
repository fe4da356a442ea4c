package dev.applc.backends.phases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.backends.sysupdate.SpecFixtures;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile strings in the spec values that reach the build scripts (overlay folder, a file's path
 * and content, strip patterns; the compiler allows no specials in a mirror URL): each is rejected
 * by the compiler, or the scripts pass shellcheck and, run for real (with a stub mmdebstrap), do
 * exactly what the spec said: the mirror arrives as one argument, the file has the exact path and
 * bytes, the overlay is copied, the strip pattern removes only its match.
 */
class PhasesAdversarialTest {
  @TempDir Path tmp;

  static final List<String> CORPUS =
      List.of(
          "$HOME",
          "${x}",
          "$(id)",
          "\"q\"",
          "'q'",
          "it's",
          "a;b",
          "a&b|c",
          "a b",
          "back\\slash",
          "`cmd`",
          "#hash",
          "!bang",
          "*glob?",
          "%n",
          "-dash",
          "x\ty");

  static String literal(String s) {
    return "\""
        + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t").replace("\n", "\\n")
        + "\"";
  }

  static String spec(String s) {
    return String.join(
        "\n",
        "applc 1",
        "import std:boards/x86_64-uefi",
        "import std:layouts/ab-verity-root",
        "appliance adv {",
        "  version = \"0.1.0\"",
        "  board = x86_64-uefi",
        "  os debian bookworm {",
        "    packages = [linux-image-amd64]",
        "    mirror = \"http://deb.example/debian\"",
        "    overlays = [" + literal("ov" + s + "/") + "]",
        "    strip = [" + literal("/usr/x" + s) + "]",
        "    file " + literal("/etc/f" + s) + " { content = " + literal(s + "\n") + " }",
        "  }",
        "  disk extends ab-verity-root { size = 4G }",
        "}",
        "");
  }

  @Test
  void mostOfTheCorpusCompiles() {
    long compiled =
        CORPUS.stream().filter(s -> !SpecFixtures.compileText(spec(s)).hasErrors()).count();
    assertTrue(
        compiled >= CORPUS.size() / 2,
        () ->
            "only "
                + compiled
                + " compile: "
                + new dev.applc.compiler.diag.TextRenderer(false)
                    .render(SpecFixtures.compileText(spec("a b")).diagnostics()));
  }

  @TestFactory
  Stream<DynamicTest> hostileStringsStayQuotedInEveryScript() {
    List<DynamicTest> tests = new ArrayList<>();
    int i = 0;
    for (String s : CORPUS) {
      Path dir = tmp.resolve("case" + i++);
      tests.add(DynamicTest.dynamicTest(s, () -> check(s, dir)));
    }
    return tests.stream();
  }

  private void check(String s, Path dir) throws Exception {
    Result<Compilation> r = SpecFixtures.compileText(spec(s));
    if (r.hasErrors()) {
      return; // rejected with a diagnostic: fine
    }
    PhasesSpecs.require("shellcheck");
    // The backends whose files the phases read; the mkosi backend has its own limits.
    SpecFixtures.Generated g =
        SpecFixtures.run(
            r.value().get().appliances().get(0),
            new dev.applc.backends.repart.RepartBackend(),
            new dev.applc.backends.kernel.KernelBackend(),
            new dev.applc.backends.systemd.SystemdBackend(),
            new PhasesBackend());
    assertFalse(g.rejected(), g::rendered);
    OutputTree tree = g.tree();
    Path config = PhasesSpecs.write(tree, dir.resolve("config"));
    PhasesShellcheckTest.check(tree, dir.resolve("shellcheck"));

    Path specDir = dir.resolve("spec");
    Path overlay = specDir.resolve("ov" + s);
    Files.createDirectories(overlay);
    Files.writeString(overlay.resolve("from-overlay"), "ok");
    Path work = dir.resolve("work");
    Path rootfs = work.resolve("rootfs");
    Files.createDirectories(rootfs.resolve("etc"));
    Files.createDirectories(rootfs.resolve("usr"));
    Files.writeString(rootfs.resolve("usr/x" + s), "strip me");
    Files.writeString(rootfs.resolve("usr/keep"), "keep me");
    Path bin = dir.resolve("bin");
    Files.createDirectories(bin);
    Path args = dir.resolve("mmdebstrap.args");
    Path stub = bin.resolve("mmdebstrap");
    Files.writeString(stub, "#!/bin/bash\nprintf '%s\\0' \"$@\" >\"$ARGS\"\n");
    stub.toFile().setExecutable(true);
    Map<String, String> env =
        Map.of(
            "CONFIG", config.toString(),
            "SPEC_DIR", specDir.toString(),
            "KEYS", specDir.toString(),
            "WORK", work.toString(),
            "SOURCE_DATE_EPOCH", "0",
            "ARGS", args.toString(),
            "PATH", bin + ":" + System.getenv("PATH"));

    PhasesSpecs.ok(
        dir, List.of("bash", config.resolve("build/phases/20-files.sh").toString()), env);
    assertEquals(s + "\n", Files.readString(rootfs.resolve("etc/f" + s), StandardCharsets.UTF_8));
    assertEquals("ok", Files.readString(rootfs.resolve("from-overlay")));

    PhasesSpecs.ok(
        dir, List.of("bash", config.resolve("build/phases/40-strip.sh").toString()), env);
    assertFalse(Files.exists(rootfs.resolve("usr/x" + s)), "the pattern's own file is stripped");
    assertTrue(Files.exists(rootfs.resolve("usr/keep")), "nothing else is");

    PhasesSpecs.ok(
        dir, List.of("bash", config.resolve("build/phases/00-bootstrap.sh").toString()), env);
    String[] argv = Files.readString(args, StandardCharsets.UTF_8).split("\0", -1);
    assertEquals("http://deb.example/debian", argv[argv.length - 2], String.join(" | ", argv));
  }
}
