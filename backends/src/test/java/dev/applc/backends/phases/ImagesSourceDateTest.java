package dev.applc.backends.phases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.backends.repart.RepartBackend;
import dev.applc.backends.sysupdate.SpecFixtures;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two builds of the same spec at the same source date make the same images, whatever times the
 * files had on the build machine. The real 60-images phase runs here with the real mksquashfs and
 * mkfs.ext4 on a small root and a folder of the spec whose files have times of their own; every
 * file in the images must come out with the source date.
 */
class ImagesSourceDateTest {
  @TempDir Path tmp;

  static final long SOURCE_DATE = 1_700_000_000L;

  static final String SPEC =
      String.join(
          "\n",
          "applc 1",
          "import std:boards/x86_64-uefi",
          "import std:layouts/ab-verity-root",
          "appliance stamped {",
          "  version = \"0.1.0\"",
          "  board = x86_64-uefi",
          "  os debian bookworm { packages = [linux-image-amd64] }",
          "  disk extends ab-verity-root {",
          "    size = 4G",
          "    partition var { size = 32M }",
          "    partition data {",
          "      type = linux-generic",
          "      size = 16M",
          "      format = ext4",
          "      contents = files(\"data/\")",
          "    }",
          "  }",
          "}",
          "");

  @Test
  void everyFileInTheImagesHasTheSourceDate() throws Exception {
    PhasesSpecs.require("mksquashfs");
    PhasesSpecs.require("unsquashfs");
    PhasesSpecs.require("mkfs.ext4");
    PhasesSpecs.require("debugfs");
    Result<Compilation> r = SpecFixtures.compileText(SPEC);
    assertFalse(r.hasErrors(), () -> r.diagnostics().toString());
    SpecFixtures.Generated g =
        SpecFixtures.run(
            r.value().get().appliances().get(0), new RepartBackend(), new PhasesBackend());
    assertFalse(g.rejected(), g::rendered);
    Path config = PhasesSpecs.write(g.tree(), tmp.resolve("config"));

    Path work = tmp.resolve("work");
    Path rootfs = Files.createDirectories(work.resolve("rootfs"));
    Files.createDirectories(rootfs.resolve("usr/bin"));
    Files.writeString(rootfs.resolve("usr/bin/tool"), "#!/bin/sh\n");
    Files.writeString(rootfs.resolve("etc-release"), "bookworm\n");
    Files.createSymbolicLink(rootfs.resolve("usr/bin/link"), Path.of("tool"));
    Path spec = Files.createDirectories(tmp.resolve("spec"));
    Path data = Files.createDirectories(spec.resolve("data/saves"));
    Files.writeString(data.resolve("slot1"), "saved\n");
    for (Path p :
        List.of(
            rootfs.resolve("usr/bin/tool"),
            rootfs.resolve("etc-release"),
            rootfs.resolve("usr/bin"),
            data.resolve("slot1"),
            data)) {
      Files.setLastModifiedTime(p, FileTime.from(Instant.ofEpochSecond(1_000_000_000L)));
    }

    PhasesSpecs.ok(
        tmp,
        List.of("bash", config.resolve("build/phases/60-images.sh").toString()),
        Map.of(
            "CONFIG", config.toString(),
            "SPEC_DIR", spec.toString(),
            "KEYS", spec.toString(),
            "WORK", work.toString(),
            "SOURCE_DATE_EPOCH", Long.toString(SOURCE_DATE),
            "PATH", System.getenv("PATH")));

    // unsquashfs -lln: one line per file, its time as seconds since 1970 in UTC with TZ=UTC.
    String listing =
        PhasesSpecs.ok(
            tmp,
            List.of("unsquashfs", "-lln", work.resolve("images/root.squashfs").toString()),
            Map.of("TZ", "UTC"));
    List<String> files = listing.lines().filter(l -> l.contains("squashfs-root")).toList();
    assertEquals(6, files.size(), listing);
    for (String line : files) {
      assertTrue(line.contains(" 2023-11-14 22:13 "), "the source date: " + line);
    }

    Path ext4 = work.resolve("images/data.ext4");
    for (String path : List.of("/", "/saves", "/saves/slot1")) {
      String stat =
          PhasesSpecs.ok(tmp, List.of("debugfs", "-R", "stat " + path, ext4.toString()), Map.of());
      assertTrue(stat.contains(" mtime: 0x6553f100:"), path + ":\n" + stat);
      assertTrue(stat.contains(" atime: 0x6553f100:"), path + ":\n" + stat);
    }
    assertEquals(
        FileTime.from(Instant.ofEpochSecond(1_000_000_000L)),
        Files.getLastModifiedTime(data.resolve("slot1")),
        "the spec's own folder keeps its times");
  }
}
