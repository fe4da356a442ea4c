package dev.applc.backends.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.model.Appliance;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other generated systemd files, applied by the tools that read them, offline on a scratch
 * root: systemctl (preset, mask, set-default), systemd-tmpfiles (factory /etc), and the fstab and
 * cryptsetup generators.
 */
class SystemdToolsTest {
  @TempDir Path tmp;

  /** The tools leave symlinks to the host's units and /dev/null; JUnit warns about each one. */
  @AfterEach
  void removeLinks() throws Exception {
    try (Stream<Path> paths = Files.walk(tmp)) {
      for (Path p : paths.filter(Files::isSymbolicLink).toList()) {
        Files.delete(p);
      }
    }
  }

  private static List<String> list(Specs.Output out, String name) {
    return out.text(SystemdBackend.BUILD_DIR + "/" + name)
        .lines()
        .filter(l -> !l.startsWith("#"))
        .toList();
  }

  private static RealTools.Outcome run(Path dir, Map<String, String> env, String... command)
      throws Exception {
    RealTools.Outcome r = RealTools.run(dir, env, List.of(command));
    assertEquals(0, r.exit(), String.join(" ", command) + "\n" + r.output());
    return r;
  }

  /** A symlink's target, or empty when the path is no symlink. */
  private static String link(Path p) throws Exception {
    return Files.isSymbolicLink(p) ? Files.readSymbolicLink(p).toString() : "";
  }

  @Test
  void systemctlAppliesThePresetMasksAndDefaultTarget() throws Exception {
    String systemctl = RealTools.require("systemctl");
    Appliance a = Specs.profile(Specs.compile("loisto-console"), "dev");
    Specs.Output out = Specs.generate(a, Specs.file("loisto-console")).clean();
    UnitRoot.Root root = UnitRoot.write(out.tree(), tmp.resolve("root"));
    Path units = root.dir().resolve(UnitRoot.UNIT_DIR);
    // The getty template as systemd ships it: enabled per instance, tty1 by default.
    Files.writeString(
        units.resolve("getty@.service"),
        "[Unit]\nDescription=stub\n\n[Service]\nExecStart=/usr/bin/true\n\n"
            + "[Install]\nWantedBy=getty.target\nDefaultInstance=tty1\n");
    Files.writeString(units.resolve("getty.target"), "[Unit]\nDescription=stub\n");
    String r = "--root=" + root.dir();
    run(root.dir(), Map.of(), systemctl, r, "preset-all");
    List<String> mask = new ArrayList<>(List.of(systemctl, r, "mask"));
    mask.addAll(list(out, "mask.list"));
    run(root.dir(), Map.of(), mask.toArray(String[]::new));
    run(root.dir(), Map.of(), systemctl, r, "set-default", list(out, "default-target.list").get(0));

    Path etc = root.dir().resolve("etc/systemd/system");
    assertTrue(
        link(etc.resolve("graphical.target.wants/loisto-session.service"))
            .endsWith("/loisto-session.service"));
    assertTrue(
        link(etc.resolve("multi-user.target.wants/rauc-mark-good.service"))
            .endsWith("/rauc-mark-good.service"));
    assertTrue(
        link(etc.resolve("getty.target.wants/getty@tty2.service")).endsWith("getty@.service"));
    assertFalse(
        Files.exists(
            etc.resolve("getty.target.wants/getty@tty1.service"), LinkOption.NOFOLLOW_LINKS));
    for (String m : list(out, "mask.list")) {
      assertEquals("/dev/null", link(etc.resolve(m)), m);
    }
    assertTrue(link(etc.resolve("default.target")).endsWith("/graphical.target"));
  }

  @Test
  void tmpfilesRestoresAMissingEtcFromTheFactory() throws Exception {
    String tmpfiles = RealTools.require("systemd-tmpfiles");
    Specs.Output out = Specs.generate("loisto-console").clean();
    UnitRoot.Root root = UnitRoot.write(out.tree(), tmp.resolve("root"));
    Path factory = root.dir().resolve(FactoryEtc.FACTORY.substring(1));
    Files.createDirectories(factory.resolve("systemd/system"));
    Files.writeString(factory.resolve("passwd"), "root:x:0:0::/root:/bin/sh\n");
    Files.writeString(factory.resolve("systemd/system/x.conf"), "x\n");
    Files.writeString(factory.resolve("fstab"), "# factory\n");
    Path etc = root.dir().resolve("etc");
    Files.writeString(etc.resolve("fstab"), "# kept\n");
    Files.writeString(etc.resolve("machine-id"), "uninitialized\n");
    RealTools.Outcome r = run(root.dir(), Map.of(), tmpfiles, "--create", "--root=" + root.dir());
    assertEquals(List.of(), r.lines(), "systemd-tmpfiles printed warnings");
    assertEquals("root:x:0:0::/root:/bin/sh\n", Files.readString(etc.resolve("passwd")));
    assertEquals("x\n", Files.readString(etc.resolve("systemd/system/x.conf")));
    assertEquals("# kept\n", Files.readString(etc.resolve("fstab")), "an existing file is kept");
    assertFalse(Files.exists(etc.resolve("rauc")), "absent from the factory: skipped");
  }

  @Test
  void theFstabAndCryptsetupGeneratorsReadTheTables() throws Exception {
    String fstab = RealTools.require("/lib/systemd/system-generators/systemd-fstab-generator");
    String crypt = RealTools.require("/lib/systemd/system-generators/systemd-cryptsetup-generator");
    for (String spec : Specs.all()) {
      Specs.Output out = Specs.generate(spec).clean();
      Path dir = Files.createDirectories(tmp.resolve(spec));
      Path normal = Files.createDirectories(dir.resolve("normal"));
      Path early = Files.createDirectories(dir.resolve("early"));
      Path late = Files.createDirectories(dir.resolve("late"));
      Path empty = Files.writeString(dir.resolve("empty"), "");
      Path fstabFile = empty;
      Path crypttabFile = empty;
      if (out.has(SystemdBackend.FSTAB)) {
        fstabFile = Files.writeString(dir.resolve("fstab"), out.text(SystemdBackend.FSTAB));
      }
      if (out.has(SystemdBackend.CRYPTTAB)) {
        crypttabFile =
            Files.writeString(dir.resolve("crypttab"), out.text(SystemdBackend.CRYPTTAB));
      }
      Map<String, String> env =
          Map.of(
              "SYSTEMD_FSTAB",
              fstabFile.toString(),
              "SYSTEMD_CRYPTTAB",
              crypttabFile.toString(),
              "SYSTEMD_PROC_CMDLINE",
              "",
              "SYSTEMD_IN_INITRD",
              "0");
      for (String generator : List.of(fstab, crypt)) {
        RealTools.Outcome r =
            run(dir, env, generator, normal.toString(), early.toString(), late.toString());
        assertEquals(List.of(), r.lines(), spec + ": " + generator);
      }
      for (Mounts.Mount m : Mounts.mounts(Specs.compile(spec), true)) {
        String unit =
            m.where().equals("/")
                ? "-.mount"
                : m.where().substring(1).replace("-", "\\x2d").replace("/", "-") + ".mount";
        String text = Files.readString(normal.resolve(unit.replace("\\040", "\\x20")));
        assertTrue(text.contains("\nWhere=" + m.where() + "\n"), spec + ": " + text);
        String what =
            m.device().startsWith("PARTLABEL=")
                ? "/dev/disk/by-partlabel/" + m.device().substring("PARTLABEL=".length())
                : m.device();
        assertTrue(text.contains("\nWhat=" + what + "\n"), spec + ": " + text);
      }
      for (Mounts.Volume v : Mounts.volumes(Specs.compile(spec))) {
        String text =
            Files.readString(normal.resolve("systemd-cryptsetup@" + v.name() + ".service"));
        assertTrue(text.contains("'" + v.device() + "'"), spec + ": " + text);
      }
    }
  }
}
