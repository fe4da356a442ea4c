package dev.applc.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.applc.build.ApplcLauncher;
import dev.applc.build.BuildEnvironment;
import dev.applc.build.PhasePlan;
import dev.applc.build.PhaseRunner;
import dev.applc.cli.Main;
import dev.applc.cli.keys.Cli;
import dev.applc.oci.TestImages;
import dev.applc.oci.TestLayer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code os { source = oci("oci/base:latest") }}: the generated {@code 00-bootstrap.sh}, run by the
 * build's own {@link PhaseRunner} with the environment {@code applc build} gives it ({@code APPLC}
 * a launcher of this applc), unpacks the named image of a local layout into the root: every layer,
 * whiteouts and opaque folders applied. A changed image bootstraps again; an unchanged one is
 * reused. Only the bootstrap runs: the later phases need a real Debian root.
 */
class OciBootstrapTest {
  @TempDir Path dir;

  private static final String SPEC =
      """
      applc 1

      import std:boards/x86_64-uefi

      appliance demo {
        version = "1.0.0"
        board   = x86_64-uefi

        os debian trixie {
          source = oci("oci/base:latest")
        }

        disk {
          partition esp  { type = esp;  size = 512M }
          partition root { type = root; size = 2G }
        }
      }
      """;

  @Test
  void theBootstrapUnpacksTheNamedImageAndRunsAgainWhenItChanges() throws Exception {
    Path spec = dir.resolve("project/demo.appliance");
    Files.createDirectories(spec.getParent());
    Files.writeString(spec, SPEC, StandardCharsets.UTF_8);
    Path layout = spec.getParent().resolve("oci/base");
    image(layout, "trixie\n");

    Path out = dir.resolve("out");
    Cli.Run compile = Cli.applc("compile", spec.toString(), "-o", out.resolve("config").toString());
    assertEquals(0, compile.exit(), compile.all());
    PhasePlan all = PhasePlan.read(out.resolve("config"));
    PhasePlan.Step bootstrap = all.steps().get(0);
    assertEquals("00-bootstrap", bootstrap.id());
    assertEquals(List.of(new PhasePlan.Input("spec", "oci/base")), bootstrap.inputs());
    PhasePlan plan = new PhasePlan(List.of(bootstrap));

    Path root = out.resolve("work/rootfs");
    PhaseRunner.Outcome first = build(spec.getParent(), out, plan);
    assertEquals(List.of("00-bootstrap"), first.ran(), log(out));
    assertEquals("trixie\n", Files.readString(root.resolve("etc/debian_version")));
    assertEquals("kept\n", Files.readString(root.resolve("etc/motd")));
    assertFalse(Files.exists(root.resolve("etc/gone")), "the whiteout was not applied");
    assertTrue(Files.exists(root.resolve("usr/share/doc/new")));
    assertFalse(Files.exists(root.resolve("usr/share/doc/old")), "the opaque folder kept old");
    assertFalse(Files.exists(root.resolve("etc/other")), "the image named `other` was unpacked");
    assertTrue(log(out).contains("unpacked sha256:"), log(out));

    PhaseRunner.Outcome same = build(spec.getParent(), out, plan);
    assertEquals(List.of("00-bootstrap"), same.reused());

    image(layout, "forky\n");
    PhaseRunner.Outcome changed = build(spec.getParent(), out, plan);
    assertEquals(List.of("00-bootstrap"), changed.ran(), log(out));
    assertEquals("forky\n", Files.readString(root.resolve("etc/debian_version")));
  }

  @Test
  void theLauncherRunsThisApplcAndIsDeletedAfterTheBuild() throws Exception {
    Path script;
    try (ApplcLauncher launcher = ApplcLauncher.create(Main.class.getName())) {
      script = launcher.script();
      Process p =
          new ProcessBuilder(script.toString(), "--version").redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), text);
      assertTrue(text.startsWith("applc "), text);
    }
    assertFalse(Files.exists(script.getParent()), "the launcher's folder is left behind");
  }

  private PhaseRunner.Outcome build(Path specDir, Path out, PhasePlan plan) throws Exception {
    StringWriter progress = new StringWriter();
    try (ApplcLauncher launcher = ApplcLauncher.create(Main.class.getName())) {
      BuildEnvironment env =
          BuildEnvironment.in(out, specDir, specDir, dir.resolve("cache"), 0)
              .withApplc(launcher.script());
      PhaseRunner.Outcome outcome = new PhaseRunner(env, new PrintWriter(progress, true)).run(plan);
      assertTrue(outcome.ok(), progress + log(out));
      return outcome;
    }
  }

  private static String log(Path out) throws Exception {
    Path log = out.resolve("logs/00-bootstrap.log");
    return Files.exists(log) ? Files.readString(log) : "(no log)";
  }

  /**
   * A layout as {@code skopeo copy ... oci:oci/base:latest} would leave it, holding two images:
   * {@code latest} of two layers (the second removes a file and replaces a folder), and {@code
   * other}, which the phase must not take.
   */
  private static void image(Path layout, String release) throws Exception {
    if (Files.exists(layout)) {
      try (var s = Files.walk(layout)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    TestImages images = new TestImages(layout);
    TestLayer base =
        new TestLayer()
            .dir("etc", 0755)
            .file("etc/motd", "kept\n", 0644)
            .file("etc/gone", "removed by the next layer\n", 0644)
            .dir("usr/share/doc", 0755)
            .file("usr/share/doc/old", "hidden by the opaque folder\n", 0644);
    TestLayer top =
        new TestLayer()
            .file("etc/debian_version", release, 0644)
            .whiteout("etc", "gone")
            .opaque("usr/share/doc")
            .file("usr/share/doc/new", "new\n", 0644);
    JsonObject latest = images.manifest("linux/amd64", base, top);
    JsonObject other =
        images.manifest("linux/amd64", new TestLayer().file("etc/other", "other\n", 0644));
    Map<String, JsonObject> named = new LinkedHashMap<>();
    named.put("other", other);
    named.put("latest", latest);
    images.index(named);
  }
}
