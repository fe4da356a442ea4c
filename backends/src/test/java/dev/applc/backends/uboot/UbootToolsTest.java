package dev.applc.backends.uboot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.backends.rauc.RealTool;
import dev.applc.backends.rauc.Specs;
import dev.applc.compiler.backend.OutputTree;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * u-boot's own tools read what the backend writes: mkenvimage turns the initial environment into an
 * image, which fw_printenv and fw_setenv (libubootenv, as RAUC calls them) find through the
 * generated fw_env.config in a disk image; mkimage wraps the boot script.
 */
class UbootToolsTest {
  static final List<String> UBOOT = Specs.UBOOT;

  @TempDir Path tmp;

  @ParameterizedTest
  @FieldSource("UBOOT")
  void fwPrintenvReadsTheEnvironmentThroughTheGeneratedConfig(String spec) throws Exception {
    RealTool.require("mkenvimage");
    RealTool.require("fw_printenv");
    RealTool.require("fw_setenv");
    OutputTree t = Specs.generate(spec);
    String configText = t.get(UbootBackend.FW_ENV_CONFIG).orElseThrow().text();
    List<FwEnvConfig.Copy> copies = FwEnvConfig.copies(configText);
    long size = copies.get(0).size();

    Path envTxt = tmp.resolve("uboot-env.txt");
    Files.writeString(
        envTxt, t.get(UbootBackend.INITIAL_ENV).orElseThrow().text(), StandardCharsets.UTF_8);
    Path envBin = tmp.resolve("env.bin");
    List<String> mkenvimage = new ArrayList<>(List.of("mkenvimage", "-s", Long.toString(size)));
    if (copies.size() > 1) {
      mkenvimage.add("-r"); // redundant copies carry a flag byte u-boot uses to pick the newer
    }
    mkenvimage.addAll(List.of("-o", envBin.toString(), envTxt.toString()));
    RealTool.ok(tmp, mkenvimage.toArray(String[]::new));

    // A disk image with the environment at every offset fw_env.config names.
    Path disk = tmp.resolve("disk.img");
    byte[] image = Files.readAllBytes(envBin);
    try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
      long end = copies.stream().mapToLong(c -> c.offset() + c.size()).max().orElseThrow();
      f.setLength(end + (1 << 20));
      for (FwEnvConfig.Copy c : copies) {
        f.seek(c.offset());
        f.write(image);
      }
    }
    // The generated config with the device column pointing at the image, offsets unchanged.
    String device = copies.get(0).device();
    String pointed =
        configText
            .lines()
            .map(l -> l.startsWith(device) ? disk + l.substring(device.length()) : l)
            .collect(Collectors.joining("\n", "", "\n"));
    Path config = tmp.resolve("fw_env.config");
    Files.writeString(config, pointed, StandardCharsets.UTF_8);

    String env = RealTool.ok(tmp, "fw_printenv", "-c", config.toString());
    assertTrue(env.lines().anyMatch(l -> l.equals("BOOT_ORDER=A B")), env);
    assertTrue(env.lines().anyMatch(l -> l.equals("BOOT_A_LEFT=3")), env);

    // What RAUC does after installing into B: fw_setenv, then u-boot (or fw_printenv) reads it.
    RealTool.ok(tmp, "fw_setenv", "-c", config.toString(), "BOOT_ORDER", "B A");
    String after = RealTool.ok(tmp, "fw_printenv", "-c", config.toString(), "BOOT_ORDER");
    assertTrue(after.contains("BOOT_ORDER=B A"), after);
  }

  @ParameterizedTest
  @FieldSource("UBOOT")
  void mkimageWrapsTheBootScript(String spec) throws Exception {
    RealTool.require("mkimage");
    OutputTree t = Specs.generate(spec);
    Path cmd = tmp.resolve("boot.cmd");
    Files.writeString(
        cmd, t.get(UbootBackend.BOOT_CMD).orElseThrow().text(), StandardCharsets.UTF_8);
    String out =
        RealTool.ok(
            tmp,
            "mkimage",
            "-A",
            "arm64",
            "-O",
            "linux",
            "-T",
            "script",
            "-C",
            "none",
            "-d",
            "boot.cmd",
            "boot.scr");
    assertTrue(out.contains("Script"), out);
    assertTrue(Files.size(tmp.resolve("boot.scr")) > Files.size(cmd));
  }
}
