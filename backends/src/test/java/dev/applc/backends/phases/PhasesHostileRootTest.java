package dev.applc.backends.phases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.backends.kernel.KernelBackend;
import dev.applc.backends.repart.RepartBackend;
import dev.applc.backends.systemd.SystemdBackend;
import dev.applc.backends.sysupdate.SpecFixtures;
import dev.applc.compiler.driver.Compilation;
import dev.applc.compiler.driver.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build runs as root, and the root file system it works on is full of links: Debian's own
 * (var/run -> /run, etc/localtime -> /usr/share/zoneinfo/...), an overlay's, a package's. The real
 * phase scripts run here on a hostile root whose links point out of it, at a folder standing for
 * this machine's files: absolute links, relative ones that climb with {@code ..}, a chain of links,
 * a loop, and a strip pattern that climbs with {@code .[.]}. Every write, copy, chmod and delete
 * must land inside the root, where the link leads when the root is taken as {@code /}, and the host
 * folder must come out byte for byte as it went in. Only systemctl and chroot are stand-ins.
 */
class PhasesHostileRootTest {
  @TempDir Path tmp;

  private Path host;
  private Path config;
  private Path specDir;
  private Path work;
  private Path rootfs;
  private Map<String, String> env;

  static final String KERNEL = "6.1.0-test";

  static final String SPEC =
      String.join(
          "\n",
          "applc 1",
          "import std:boards/x86_64-uefi",
          "import std:layouts/ab-verity-root",
          "appliance hostile {",
          "  version = \"0.1.0\"",
          "  board = x86_64-uefi",
          "  hostname = \"in-root\"",
          "  os debian bookworm {",
          "    packages = [linux-image-amd64]",
          "    overlays = [\"overlay/\"]",
          "    strip = [\"/var/lock/*\", \"/etc/stale\", \"/usr/share/doc\"]",
          "    factory-etc = on",
          "    post-install = [\"hook.sh\"]",
          "    file \"/etc/localtime\" { content = \"UTC from the spec\\n\" }",
          "    file \"/var/lock/written\" { content = \"through an absolute link\\n\" }",
          "    file \"/etc/chained/chained\" { content = \"through a chain of links\\n\" }",
          "    file \"/etc/from-source\" { source = \"data.txt\" }",
          "  }",
          "  disk extends ab-verity-root { size = 4G }",
          "}",
          "");

  @BeforeEach
  void setUp() throws Exception {
    PhasesSpecs.require("shellcheck");
    Result<Compilation> r = SpecFixtures.compileText(SPEC);
    assertFalse(r.hasErrors(), r::toString);
    SpecFixtures.Generated g =
        SpecFixtures.run(
            r.value().get().appliances().get(0),
            new RepartBackend(),
            new KernelBackend(),
            new SystemdBackend(),
            new PhasesBackend());
    assertFalse(g.rejected(), g::rendered);
    config = PhasesSpecs.write(g.tree(), tmp.resolve("config"));
    PhasesShellcheckTest.check(g.tree(), tmp.resolve("shellcheck"));

    // This machine's files, as far as the phases can tell.
    host = Files.createDirectories(tmp.resolve("host"));
    for (String name :
        List.of("keep", "localtime", "motd", "hostname", "machine-id", "shadow", "secret")) {
      Files.writeString(host.resolve(name), "host " + name + "\n");
    }
    Files.createDirectories(host.resolve("dpkg"));
    Files.writeString(host.resolve("dpkg/status"), "Package: host\n");
    Files.createDirectories(host.resolve("factory/etc"));
    Files.writeString(host.resolve("factory/etc/keep"), "host factory\n");

    work = tmp.resolve("run/work");
    rootfs = Files.createDirectories(work.resolve("rootfs"));
    for (String dir : List.of("etc", "var", "usr/bin", "usr/share/doc", "boot", "dev")) {
      Files.createDirectories(rootfs.resolve(dir));
    }
    Files.writeString(rootfs.resolve("usr/share/doc/README"), "doc\n");
    Files.writeString(rootfs.resolve("etc/stale"), "stale\n");
    // Absolute links: to the host folder, as the root would have them for its own /run.
    link("var/lock", host.toString());
    link("etc/motd", host.resolve("motd").toString());
    link("etc/hostname", host.resolve("hostname").toString());
    link("etc/machine-id", host.resolve("machine-id").toString());
    link("etc/initramfs-tools", host.toString());
    // The package database the SBOM is read from, behind a link as absolute as var/lock's.
    link("var/lib", host.toString());
    Path dpkgInRoot =
        Files.createDirectories(rootfs.resolve(host.toString().substring(1) + "/dpkg"));
    Files.writeString(dpkgInRoot.resolve("status"), "Package: in-root\n");
    link("usr/share/factory", host.resolve("factory").toString());
    // Relative links that climb out with more `..` than the root is deep.
    link("etc/localtime", "../".repeat(tmp.getNameCount() + 4) + relative(host, "localtime"));
    link("applc-post-install", "../../../" + host.getFileName() + "/keep");
    // A chain: etc/chained -> etc/chain2 -> the host folder.
    link("etc/chained", "chain2");
    link("etc/chain2", host.toString());
    // The kernel, whose modules folder links its vmlinuz at a host file.
    Path modules = Files.createDirectories(rootfs.resolve("usr/lib/modules/" + KERNEL));
    Files.createSymbolicLink(modules.resolve("vmlinuz"), host.resolve("secret"));
    Files.writeString(rootfs.resolve("boot/vmlinuz-" + KERNEL), "the image's kernel\n");
    link("boot/initrd.img-" + KERNEL, host.resolve("keep").toString());

    specDir = Files.createDirectories(tmp.resolve("spec"));
    Files.writeString(specDir.resolve("hook.sh"), "#!/bin/sh\n");
    Files.writeString(specDir.resolve("data.txt"), "from a source file\n");
    Path overlay = Files.createDirectories(specDir.resolve("overlay"));
    Files.createDirectories(overlay.resolve("etc"));
    Files.writeString(overlay.resolve("etc/motd"), "from the overlay\n");
    Files.createDirectories(overlay.resolve("var/lock/app"));
    Files.writeString(overlay.resolve("var/lock/app/pid"), "1\n");
    Files.createDirectories(overlay.resolve("usr/bin"));
    Path tool = overlay.resolve("usr/bin/tool");
    Files.writeString(tool, "#!/bin/sh\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    PhasesSpecs.ok(specDir, List.of("chmod", "u+s,g+s", tool.toString()), Map.of());

    // Heavy tools the phases call on the image; the path handling is the scripts' own.
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    stub(bin, "systemctl", "exit 0");
    stub(
        bin,
        "chroot",
        "case \"$2\" in update-initramfs) echo initrd >\"$1/boot/initrd.img-$5\" ;; esac");
    env =
        Map.of(
            "CONFIG", config.toString(),
            "SPEC_DIR", specDir.toString(),
            "KEYS", specDir.toString(),
            "WORK", work.toString(),
            "SOURCE_DATE_EPOCH", "0",
            "PATH", bin + ":" + System.getenv("PATH"));
  }

  @Test
  void everyWriteCopyAndDeleteLandsInsideTheRoot() throws Exception {
    Map<String, String> before = snapshot(host);

    phase("20-files");
    // A file the spec writes replaces a link at its path; one under a linked folder goes where
    // the link leads inside the root.
    assertRegular("etc/localtime", "UTC from the spec\n");
    assertEquals("through an absolute link\n", inRoot(host.resolve("written")));
    assertEquals("through a chain of links\n", inRoot(host.resolve("chained")));
    // The overlay: a file replaces the link it lands on; a folder merges into the in-root target.
    assertRegular("etc/motd", "from the overlay\n");
    assertEquals("1\n", inRoot(host.resolve("app/pid")));
    // Overlay files arrive without set-user-ID and set-group-ID bits.
    assertEquals("6755\n", mode(specDir.resolve("overlay/usr/bin/tool")));
    assertEquals("755\n", mode(rootfs.resolve("usr/bin/tool")));

    phase("30-configure");
    assertRegular("etc/hostname", "in-root\n");
    assertRegular("etc/machine-id", "");
    assertEquals("in-root\n", inRoot(host.resolve("factory/etc/hostname")));
    // The SBOM's package database is the image's, never this machine's.
    assertEquals("Package: in-root\n", Files.readString(work.resolve("sbom/dpkg-status")));

    phase("40-strip");
    Path lockInRoot = rootfs.resolve(host.toString().substring(1));
    assertTrue(Files.isDirectory(lockInRoot), "the in-root folder var/lock leads to stays");
    try (Stream<Path> left = Files.list(lockInRoot)) {
      assertEquals(List.of(), left.toList(), "what var/lock/* matched inside the root is gone");
    }
    assertFalse(Files.exists(rootfs.resolve("etc/stale")));
    assertFalse(Files.exists(rootfs.resolve("usr/share/doc")));

    phase("50-initrd");
    assertEquals("the image's kernel\n", Files.readString(work.resolve("images/vmlinuz")));
    assertEquals("initrd\n", Files.readString(work.resolve("images/initrd.img")));
    assertTrue(Files.isRegularFile(lockInRoot.resolve("hooks/applc-verity")));

    assertEquals(before, snapshot(host), "the host folder is untouched");
  }

  @Test
  void aStripPatternCannotClimbOutWithDots() throws Exception {
    Map<String, String> before = snapshot(host);
    // The compiler refuses such a pattern (APL0111); the script must refuse it on its own, on a
    // bash whose globs match `..` (before 5.2, or 5.2 without globskipdots).
    String climb = "/.[.]".repeat(rootfs.relativize(tmp).getNameCount()) + "/host/shado[w]";
    Path script = config.resolve("build/phases/40-strip.sh");
    String text = Files.readString(script);
    assertTrue(text.contains("strip_path '/usr/share/doc'\n"), text);
    Path hostile = tmp.resolve("40-strip-climb.sh");
    Files.writeString(hostile, text.replace("'/usr/share/doc'", "'" + climb + "'"));
    List<String> bash = List.of("bash");
    if (PhasesSpecs.run(tmp, List.of("bash", "-c", "shopt globskipdots"), Map.of()).exit() == 0) {
      bash = List.of("bash", "+O", "globskipdots");
    }
    PhasesSpecs.Outcome r =
        PhasesSpecs.run(
            tmp, Stream.concat(bash.stream(), Stream.of(hostile.toString())).toList(), env);
    assertEquals(0, r.exit(), r.output());
    assertEquals(before, snapshot(host), "host/shadow is still there");
  }

  @Test
  void aLinkLoopStopsThePhase() throws Exception {
    Map<String, String> before = snapshot(host);
    Files.delete(rootfs.resolve("var/lock"));
    link("var/lock", "lock2");
    link("var/lock2", "lock");
    PhasesSpecs.Outcome r =
        PhasesSpecs.run(
            tmp, List.of("bash", config.resolve("build/phases/40-strip.sh").toString()), env);
    assertNotEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("more than 40 links"), r.output());
    assertEquals(before, snapshot(host));
  }

  /**
   * A file source that has become a link to a device or a FIFO since the spec was checked: the
   * phase refuses it at once, instead of copying /dev/zero without end or blocking on the FIFO.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aSourceThatIsADeviceOrAFifoStopsThePhase() throws Exception {
    Files.delete(specDir.resolve("data.txt"));
    Files.createSymbolicLink(specDir.resolve("data.txt"), Path.of("/dev/zero"));
    PhasesSpecs.Outcome zero =
        PhasesSpecs.run(
            tmp, List.of("bash", config.resolve("build/phases/20-files.sh").toString()), env);
    assertNotEquals(0, zero.exit(), zero.output());
    assertTrue(zero.output().contains("is not a regular file"), zero.output());
    assertFalse(Files.exists(rootfs.resolve("etc/from-source")));

    Files.delete(specDir.resolve("data.txt"));
    PhasesSpecs.ok(specDir, List.of("mkfifo", specDir.resolve("data.txt").toString()), Map.of());
    PhasesSpecs.Outcome fifo =
        PhasesSpecs.run(
            tmp, List.of("bash", config.resolve("build/phases/20-files.sh").toString()), env);
    assertNotEquals(0, fifo.exit(), fifo.output());
    assertTrue(fifo.output().contains("is not a regular file"), fifo.output());
  }

  @Test
  void aFifoInAnOverlayStopsThePhase() throws Exception {
    PhasesSpecs.ok(
        specDir, List.of("mkfifo", specDir.resolve("overlay/etc/fifo").toString()), Map.of());
    PhasesSpecs.Outcome r =
        PhasesSpecs.run(
            tmp, List.of("bash", config.resolve("build/phases/20-files.sh").toString()), env);
    assertNotEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("is not a regular file"), r.output());
    assertFalse(Files.exists(rootfs.resolve("etc/fifo"), LinkOption.NOFOLLOW_LINKS));
  }

  // ---------------------------------------------------------------- helpers

  private void phase(String id) throws Exception {
    PhasesSpecs.ok(
        tmp, List.of("bash", config.resolve("build/phases/" + id + ".sh").toString()), env);
  }

  private String mode(Path p) throws Exception {
    return PhasesSpecs.ok(tmp, List.of("stat", "-c", "%a", p.toString()), Map.of());
  }

  private void link(String at, String target) throws IOException {
    Files.createSymbolicLink(rootfs.resolve(at), Path.of(target));
  }

  /** A host path as the path inside the root that has the same name. */
  private String inRoot(Path hostPath) throws IOException {
    Path p = rootfs.resolve(hostPath.toString().substring(1));
    return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.readString(p) : "";
  }

  private static String relative(Path dir, String name) {
    return dir.toString().substring(1) + "/" + name;
  }

  private void assertRegular(String path, String content) throws IOException {
    Path p = rootfs.resolve(path);
    assertTrue(Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS), path + " is a regular file");
    assertEquals(content, Files.readString(p), path);
  }

  private static void stub(Path bin, String name, String body) throws IOException {
    Path p = bin.resolve(name);
    Files.writeString(p, "#!/bin/bash\n" + body + "\n");
    p.toFile().setExecutable(true);
  }

  /** Every path under a folder with its kind, mode and content. */
  private static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.toList()) {
        String mode =
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        String what =
            Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                ? "file " + Files.readString(p)
                : Files.isSymbolicLink(p) ? "link " + Files.readSymbolicLink(p) : "dir";
        out.put(dir.relativize(p).toString(), what + " " + mode);
      }
    }
    return out;
  }
}
