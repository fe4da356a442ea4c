package dev.applc.backends.phases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.backends.sysupdate.SpecFixtures;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.model.Appliance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every folder a partition is mounted on exists in the image: on a read-only root systemd cannot
 * make it at boot, and {@code data.mount} then fails with {@code local-fs.target} behind it. The
 * real configure phase runs on a temporary root; only systemctl is a stand-in.
 */
class PhasesMountPointsTest {
  @TempDir Path tmp;

  static final String SPEC =
      String.join(
          "\n",
          "applc 1",
          "import std:boards/x86_64-uefi",
          "import std:layouts/ab-root-rauc",
          "appliance kiosk {",
          "  version = \"0.1.0\"",
          "  board = x86_64-uefi",
          "  os debian bookworm { packages = [linux-image-amd64] }",
          "  disk extends ab-root-rauc {",
          "    partition media { type = linux-generic; size = 64M; mount = \"/srv/media\" }",
          "  }",
          "}",
          "");

  @Test
  void theConfigurePhaseMakesEveryMountPointInsideTheRoot() throws Exception {
    PhasesSpecs.require("shellcheck");
    Appliance a = SpecFixtures.applianceOf(SPEC);
    assertEquals(List.of("/data", "/efi", "/srv/media", "/var"), a.disk().mountPoints());
    Path config = PhasesSpecs.write(PhasesSpecs.tree(a, "kiosk.appliance"), tmp.resolve("config"));

    Path work = tmp.resolve("work");
    Path rootfs = Files.createDirectories(work.resolve("rootfs"));
    Files.createDirectories(rootfs.resolve("etc"));
    Files.createDirectories(rootfs.resolve("var"));
    // The image's /srv is a link, absolute as images have them: the folder is made where the link
    // leads inside the root, never on this machine.
    Path host = Files.createDirectories(tmp.resolve("host"));
    Files.createSymbolicLink(rootfs.resolve("srv"), host);
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path systemctl = bin.resolve("systemctl");
    Files.writeString(systemctl, "#!/bin/bash\nexit 0\n");
    assertTrue(systemctl.toFile().setExecutable(true));
    Map<String, String> env =
        Map.of(
            "CONFIG", config.toString(),
            "SPEC_DIR", tmp.toString(),
            "KEYS", tmp.toString(),
            "WORK", work.toString(),
            "SOURCE_DATE_EPOCH", "0",
            "PATH", bin + ":" + System.getenv("PATH"));

    PhasesSpecs.ok(
        tmp, List.of("bash", config.resolve("build/phases/30-configure.sh").toString()), env);

    assertFolder(rootfs.resolve("data"));
    assertFolder(rootfs.resolve("var"));
    assertFolder(rootfs.resolve(host.toString().substring(1)).resolve("media"));
    try (Stream<Path> left = Files.list(host)) {
      assertEquals(List.of(), left.toList(), "nothing was made on this machine");
    }
  }

  /** The repository's specs: each folder their fstab mounts on is made by both image builds. */
  @Test
  void everySpecsMountPointsAreMadeByTheBuildAndByMkosi() {
    List<String> checked = new ArrayList<>();
    for (String name : SpecFixtures.specNames()) {
      OutputTree tree = PhasesSpecs.tree(name);
      String configure = text(tree, "build/phases/30-configure.sh");
      String postinst =
          tree.get("mkosi/mkosi.postinst.chroot")
              .or(() -> tree.get("mkosi/mkosi.postinst"))
              .map(f -> f.text())
              .orElse("");
      for (String where : fstabMountPoints(text(tree, "rootfs/etc/fstab"))) {
        assertTrue(
            configure.contains("in_root '" + where + "'\nmkdir -p -- \"$inroot\"\n"),
            name + ": 30-configure does not make " + where + ":\n" + configure);
        if (tree.get("mkosi/mkosi.conf").isPresent()) {
          assertTrue(
              postinst.contains("mkdir -p -- '" + where + "'\n"),
              name + ": the mkosi post-install script does not make " + where + ":\n" + postinst);
        }
        checked.add(name + " " + where);
      }
    }
    assertTrue(checked.contains("loisto-console /data"), checked::toString);
  }

  private static List<String> fstabMountPoints(String fstab) {
    return fstab
        .lines()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .map(l -> l.trim().split("\\s+")[1].replace("\\040", " "))
        .filter(where -> !where.equals("/"))
        .toList();
  }

  private static String text(OutputTree tree, String path) {
    return tree.get(path).map(f -> f.text()).orElseThrow(() -> new AssertionError("no " + path));
  }

  private static void assertFolder(Path p) throws IOException {
    assertTrue(Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS), p + " is a folder");
    assertFalse(Files.isSymbolicLink(p));
  }
}
