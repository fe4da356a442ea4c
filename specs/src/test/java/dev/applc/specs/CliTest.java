package dev.applc.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.applc.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as users meet it: exit codes, rendering, no stack traces. */
class CliTest {

  /** What one run printed and returned. */
  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = Main.run(args);
      return new Run(
          exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private static String abs(String relative) {
    return SpecFolders.repoRoot().resolve(relative).toString();
  }

  @Test
  void checkExitsZeroOnEverySpec() {
    for (String folder : SpecFolders.all()) {
      Run r = run("check", abs(SpecFolders.specFile(folder)));
      assertEquals(0, r.exit(), folder + ":\n" + r.err());
      // Warnings are allowed: each spec's FOLDER.warnings lists and GoldenOutputTest checks them.
      assertTrue(r.err().contains("no problems") || r.err().contains(": 0 errors,"), r.err());
    }
  }

  @Test
  void errorsExitOneWithRenderedDiagnostics(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("bad.appliance");
    Files.writeString(
        spec,
        "applc 1\nimport std:boards/x86_64-uefi\nappliance x {\n  version = \"1\"\n"
            + "  board = x86_64-uefi\n  os debian bookworm {}\n  disk {\n"
            + "    partition esp { type = esp; sise = 512M }\n  }\n}\n");
    Run r = run("check", "--color=never", spec.toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("error[APL0100]: unknown property `sise` in `partition`"), r.err());
    assertTrue(r.err().contains("bad.appliance:8:33"), r.err());
    assertTrue(r.err().contains("    partition esp { type = esp; sise = 512M }"), r.err());
    assertTrue(r.err().contains("^^^^"), r.err());
    assertTrue(r.err().contains("= help: did you mean `size`?"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(r.err().contains("\u001b["), "no color when not asked: " + r.err());
  }

  /** Deep nesting crashed every command (exit 3) and, in a batch, hid the other files. */
  @Test
  void deepNestingIsADiagnosticInEveryCommand(@TempDir Path dir) throws Exception {
    Path deep = dir.resolve("deep.appliance");
    Files.writeString(
        deep, "applc 1\nappliance x {\n" + "x {\n".repeat(10_000) + "}\n".repeat(10_001));
    Path other = dir.resolve("other.appliance");
    Files.writeString(other, "applc 1\nappliance y {\n  sise = 1\n}\n");
    Run check = run("check", "--color=never", deep.toString(), other.toString());
    assertEquals(1, check.exit(), check.err());
    assertTrue(check.err().contains("error[APL0009]"), check.err());
    assertTrue(check.err().contains("error[APL0100]: unknown property `sise`"), check.err());
    Run fmt = run("fmt", "--color=never", deep.toString());
    assertEquals(1, fmt.exit(), fmt.err());
    assertTrue(fmt.err().contains("error[APL0009]"), fmt.err());
    assertTrue(Files.readString(deep).startsWith("applc 1\nappliance x {\nx {"), "unchanged");
    Run show = run("show", "--color=never", deep.toString());
    assertEquals(1, show.exit(), show.err());
    assertTrue(show.err().contains("error[APL0009]"), show.err());
  }

  /** Escape sequences in a spec cannot rewrite the terminal, with or without color. */
  @Test
  void controlCharactersAreShownEscaped(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("spoof.appliance");
    Files.writeString(
        spec, "applc 1\n\u001b[2K\r\u001b[1Achecked 1 file: no problems\nappliance x {}\n");
    for (String color : new String[] {"--color=never", "--color=always"}) {
      Run r = run("check", color, spec.toString());
      assertEquals(1, r.exit());
      String withoutColor = r.err().replaceAll("\u001b\\[[0-9;]*m", "");
      assertFalse(withoutColor.contains("\u001b"), withoutColor);
      assertFalse(withoutColor.contains("\r"), withoutColor);
      assertTrue(withoutColor.contains("\\u{1b}"), withoutColor);
    }
  }

  @Test
  void jsonDiagnosticsGoToStdout(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("bad.appliance");
    Files.writeString(spec, "applc 1\nappliance x {\n  version = 1\n}\n");
    Run r = run("check", "--format=json", spec.toString());
    assertEquals(1, r.exit());
    assertTrue(r.out().trim().startsWith("["), r.out());
    assertTrue(r.out().contains("\"code\": \"APL0104\""), r.out());
  }

  @Test
  void sarifGoesToStdoutWithRelativeFileNames(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.appliance");
    Files.writeString(bad, "applc 1\nappliance x {\n  version = 1\n}\n");
    // One spec outside the working directory, one inside it, given by absolute paths.
    String warns = abs("specs/diagnostics/boot/device-tree-on-x86.appliance");
    Run r = run("check", "--format=sarif", bad.toString(), warns);
    assertEquals(1, r.exit(), r.err());
    assertEquals("", r.err());
    JsonObject log = JsonParser.parseString(r.out()).getAsJsonObject();
    assertEquals("2.1.0", log.get("version").getAsString());
    JsonObject run = log.getAsJsonArray("runs").get(0).getAsJsonObject();
    assertEquals(
        "applc", run.getAsJsonObject("tool").getAsJsonObject("driver").get("name").getAsString());
    List<String> uris = new ArrayList<>();
    List<String> levels = new ArrayList<>();
    for (JsonElement result : run.getAsJsonArray("results")) {
      JsonObject o = result.getAsJsonObject();
      levels.add(o.get("ruleId").getAsString() + " " + o.get("level").getAsString());
      uris.add(
          o.getAsJsonArray("locations")
              .get(0)
              .getAsJsonObject()
              .getAsJsonObject("physicalLocation")
              .getAsJsonObject("artifactLocation")
              .get("uri")
              .getAsString());
    }
    assertTrue(levels.contains("APL0104 error"), levels.toString());
    assertTrue(levels.contains("APL0303 warning"), levels.toString());
    assertTrue(uris.contains("bad.appliance"), uris.toString());
    assertTrue(uris.contains("diagnostics/boot/device-tree-on-x86.appliance"), uris.toString());
    assertFalse(r.out().contains(dir.toString()), "no path of this machine");
    assertFalse(r.out().contains(SpecFolders.repoRoot().toString()), "no path of this machine");
  }

  @Test
  void strictMakesWarningsFail(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("warn.appliance");
    String text =
        Files.readString(SpecFolders.repoRoot().resolve("specs/minimal/minimal.appliance"))
            .replace("os debian bookworm", "os debian bookwurm");
    Files.writeString(spec, text);
    assertEquals(0, run("check", spec.toString()).exit());
    Run strict = run("check", "--strict", spec.toString());
    assertEquals(1, strict.exit(), strict.err());
    assertTrue(strict.err().contains("warning[APL0402]"), strict.err());
  }

  @Test
  void missingFileIsADiagnosticNotACrash() {
    Run r = run("check", "no/such/file.appliance");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("error[APL0005]: cannot read `no/such/file.appliance`"), r.err());
  }

  @Test
  void everySpecAndLibraryFileIsFormatted() throws Exception {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("fmt", "--check"));
    for (String folder : SpecFolders.all()) {
      args.add(abs(SpecFolders.specFile(folder)));
    }
    try (var files = Files.walk(SpecFolders.repoRoot().resolve("stdlib/src/main/resources/std"))) {
      files.filter(p -> p.toString().endsWith(".appliance")).forEach(p -> args.add(p.toString()));
    }
    Run r = run(args.toArray(String[]::new));
    assertEquals(0, r.exit(), "not formatted (run applc fmt on them):\n" + r.out() + r.err());
    assertEquals("", r.out());
  }

  @Test
  void fmtCheckListsAFileThatIsNotFormatted(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("ugly.appliance");
    Files.writeString(spec, "applc 1\nboard b {arch=x86-64;\nfirmware=uefi}\n");
    Run r = run("fmt", "--check", spec.toString());
    assertEquals(1, r.exit());
    assertTrue(r.out().contains("ugly.appliance"), r.out());
    assertEquals(0, run("fmt", spec.toString()).exit());
    assertEquals(
        "applc 1\n\nboard b {\n  arch     = x86-64\n  firmware = uefi\n}\n",
        Files.readString(spec));
    assertEquals(0, run("fmt", "--check", spec.toString()).exit());
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, run("check").exit());
    assertEquals(2, run("frobnicate").exit());
    assertEquals(2, run("explain", "APL9999").exit());
  }

  @Test
  void explainPrintsTheCodesPage() {
    Run r = run("explain", "APL0100");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains("APL0100"), r.out());
  }

  @Test
  void versionAndHelp() {
    Run v = run("--version");
    assertEquals(0, v.exit());
    assertTrue(v.out().startsWith("applc "), v.out());
    for (String command : new String[] {"check", "show", "explain"}) {
      Run h = run(command, "--help");
      assertEquals(0, h.exit(), command);
      assertTrue(h.out().contains("Usage: applc " + command), h.out());
    }
  }

  @Test
  void showJsonHasSpansAndDerivedPartitions() {
    Run r = run("show", "--format=json", abs("specs/minimal/minimal.appliance"));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("\"id\": \"root-b-verity\""), r.out());
    assertTrue(r.out().contains("\"span\": \"std:boards/x86_64-uefi:"), r.out());
  }

  /**
   * Settings left to their defaults are shown as what the build uses, not `null`: the
   * distribution's initrd generator, and on a UEFI board the unsigned UKI behind systemd-boot that
   * `applc build` makes. The text summary says the same.
   */
  @Test
  void showPrintsEffectiveDefaultsInJsonAndText() {
    String spec = abs("specs/minimal/minimal.appliance");
    Run json = run("show", "--format=json", spec);
    assertEquals(0, json.exit(), json.err());
    assertTrue(json.out().contains("\"generator\": \"initramfs-tools\""), json.out());
    assertFalse(json.out().contains("\"uki\": null"), json.out());
    assertTrue(json.out().contains("\"bootloader\": \"systemd-boot\""), json.out());
    Run text = run("show", spec);
    assertEquals(0, text.exit(), text.err());
    assertTrue(
        text.out().contains("boot: initrd by initramfs-tools, UKI behind systemd-boot\n"),
        text.out());
  }

  /** Packages the image gets because its generated units run their programs are shown. */
  @Test
  void showListsThePackagesApplcAdds() {
    Run r = run("show", abs("specs/loisto-console/loisto-console.appliance"));
    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out().contains("  + kbd, added: loisto-session.service runs /usr/bin/chvt\n"), r.out());
    assertTrue(
        r.out().contains("  + rauc, added: rauc-mark-good.service runs /usr/bin/rauc\n"), r.out());
    Run signed = run("show", abs("specs/minimal-signed/minimal-signed.appliance"));
    assertFalse(signed.out().contains("+ rauc, added"), "it lists rauc itself: " + signed.out());
    assertTrue(
        signed.out().contains("  + casync, added: RAUC runs casync to install `delta = casync`"),
        signed.out());
  }

  /**
   * A spec that imports from beside its folder: by default its folder is the project and the import
   * is refused; {@code --project} names the wider folder, on every command that reads a spec.
   */
  @Test
  void projectOptionWidensWhereImportsMayComeFrom(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("common"));
    Files.writeString(
        dir.resolve("common/set.appliance"), "applc 1\npackage-set extra { packages = [htop] }\n");
    Path app = Files.createDirectories(dir.resolve("app")).resolve("app.appliance");
    Files.writeString(
        app,
        "applc 1\nimport std:boards/x86_64-uefi\nimport \"../common/set.appliance\"\n"
            + "appliance app {\n  version = \"1\"\n  board = x86_64-uefi\n"
            + "  os debian bookworm { packages = [linux-image-amd64, systemd] }\n"
            + "  disk {\n    partition esp { type = esp; size = 512M }\n"
            + "    partition root { type = root; size = 2G }\n  }\n}\n");
    Run confined = run("check", "--color=never", app.toString());
    assertEquals(1, confined.exit(), confined.err());
    assertTrue(confined.err().contains("error[APL0007]"), confined.err());
    assertFalse(confined.err().contains(dir.toString()), confined.err());

    Run widened = run("check", "--project", dir.toString(), app.toString());
    assertEquals(0, widened.exit(), widened.err());
    Run shown = run("show", "--project", dir.toString(), app.toString());
    assertEquals(0, shown.exit(), shown.err());
    Run compiled =
        run(
            "compile",
            "--project",
            dir.toString(),
            "-o",
            dir.resolve("out").toString(),
            app.toString());
    assertEquals(0, compiled.exit(), compiled.err());

    Run notInside = run("check", "--project", dir.resolve("common").toString(), app.toString());
    assertEquals(2, notInside.exit(), notInside.err());
    assertTrue(notInside.err().contains("not inside the project folder"), notInside.err());
  }
}
