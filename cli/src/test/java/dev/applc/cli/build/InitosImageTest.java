package dev.applc.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.applc.oci.TestImages;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 004 (specs/initos) built from its own OCI image and proven in QEMU with a software TPM and
 * Secure Boot: the firmware starts the signed UKI from an ESP; the initrd (systemd, no shell)
 * encrypts the btrfs system partition in place on the first boot, seals its key to the TPM2, and
 * mounts the default subvolume as /. The next boot opens it with the same TPM alone; a new TPM
 * stops the boot with no shell; a damaged UKI on esp-a falls back to esp-b. The first boot encrypts
 * 4 GiB under TCG, and with the bootstrap the test takes about 25 minutes, so it runs nightly
 * ({@code .ci/nightly}, or {@code -Dapplc.nightly=true}).
 */
class InitosImageTest {
  private static final List<String> TOOLS =
      List.of(
          "mmdebstrap",
          "objcopy",
          "sbsign",
          "mkfs.vfat",
          "mcopy",
          "systemd-repart",
          "sfdisk",
          "zstd",
          "cpio",
          "swtpm",
          "qemu-system-x86_64");

  /** The packages of the test's debianhost image: a kernel, systemd, dracut, LUKS2 and TPM2. */
  private static final String PACKAGES =
      String.join(
          ",",
          "linux-image-amd64",
          "systemd",
          "systemd-sysv",
          "udev",
          "dracut",
          "systemd-cryptsetup",
          "cryptsetup-bin",
          "btrfs-progs",
          "tpm2-tools",
          "systemd-boot-efi",
          "kmod");

  private static final String DONE = "initos-proof: done";

  /** A unit of the image that prints what / is and how its volume opens, then the marker. */
  private static final String PROOF_UNIT =
      """
      [Unit]
      Description=Show what the root is
      After=local-fs.target
      [Service]
      Type=oneshot
      StandardOutput=journal+console
      ExecStart=/usr/bin/findmnt --noheadings --output SOURCE,FSTYPE /
      ExecStart=/usr/sbin/cryptsetup status root
      ExecStart=/usr/bin/systemd-cryptenroll /dev/disk/by-partlabel/system
      ExecStart=/usr/bin/echo %s
      [Install]
      WantedBy=multi-user.target
      """
          .formatted(DONE);

  @TempDir Path tmp;

  @Test
  @EnabledIfSystemProperty(named = "applc.nightly", matches = "true")
  void encryptedOnTheFirstBootOpenedByItsTpmOnlyAndBootedFromEitherEsp() throws Exception {
    ImageBuilds.requireTools(TOOLS);
    Path specDir = Files.createDirectories(tmp.resolve("initos"));
    Path spec = specDir.resolve("initos.appliance");
    Files.copy(ImageBuilds.repo().resolve("specs/initos/initos.appliance"), spec);
    debianhost(specDir.resolve("oci/debianhost"));
    StringWriter keys = new StringWriter();
    assertEquals(0, ImageBuilds.applc(keys, "keys", spec.toString()), keys.toString());

    Path out = tmp.resolve("out");
    StringWriter build = new StringWriter();
    assertEquals(
        0,
        ImageBuilds.applc(build, "build", spec.toString(), "-o", out.toString()),
        build.toString());
    Path uki = out.resolve("images/initos_0.1.0.efi");
    Path disk = out.resolve("images/disk.raw");

    // The initrd has systemd as its init, the unit that encrypts, and no shell of any kind.
    List<String> initrd = initrdEntries(uki);
    assertTrue(initrd.contains("usr/lib/systemd/systemd"), "no systemd in the initrd");
    assertTrue(
        initrd.contains("usr/lib/systemd/system/applc-encrypt-system.service"),
        "no encryption unit in the initrd");
    for (String entry : initrd) {
      String name = entry.substring(entry.lastIndexOf('/') + 1);
      assertFalse(
          List.of("sh", "bash", "dash", "ash", "busybox", "sulogin").contains(name),
          "a shell in the initrd: " + entry);
    }

    // First boot: encrypted in place, the key sealed to this TPM, / the default subvolume.
    Path tpm = tmp.resolve("tpm");
    String first = boot(out.toString(), tpm, true, "first");
    assertTrue(first.contains("/dev/mapper/root[/debianhost] btrfs"), first);
    assertTrue(first.contains("LUKS2"), first);
    // systemd-cryptenroll's list of key slots: one, the TPM2's; no passphrase or key file.
    List<String> slots =
        first
            .lines()
            .filter(l -> l.contains("systemd-cryptenroll["))
            .map(l -> l.replaceFirst("^.*systemd-cryptenroll\\[\\d+\\]:\\s*", ""))
            .filter(l -> l.matches("\\d+\\s+\\S+"))
            .toList();
    assertEquals(List.of("1 tpm2"), slots.stream().map(l -> l.replaceAll("\\s+", " ")).toList());

    // Next boot: the same TPM opens it again, with nothing to type.
    String second = boot(out.toString(), tpm, true, "second");
    assertTrue(second.contains("/dev/mapper/root[/debianhost] btrfs"), second);

    // A new TPM: the volume does not open, the boot stops, and no shell is offered.
    Path log = tmp.resolve("fresh-tpm.log");
    StringWriter vm = new StringWriter();
    ImageBuilds.applc(
        vm,
        "vm",
        "--secure-boot",
        "--tpm=" + tmp.resolve("another-tpm"),
        "--timeout=240",
        "--log=" + log,
        out.toString());
    String fresh = Files.readString(log, StandardCharsets.ISO_8859_1);
    assertTrue(fresh.contains("Cryptography Setup for root"), ImageBuilds.tail(log));
    assertTrue(fresh.contains("Dependency failed for"), ImageBuilds.tail(log));
    for (String shell : List.of(DONE, "login:", "Give root password", "emergency mode", "sh-5.")) {
      assertFalse(
          fresh.contains(shell), "`" + shell + "` with a new TPM:\n" + ImageBuilds.tail(log));
    }

    // esp-a's UKI damaged: Secure Boot refuses it, and the firmware starts esp-b's.
    damageUki(disk, "esp-a");
    String fallback = boot(out.toString(), tpm, false, "fallback");
    assertTrue(fallback.contains("/dev/mapper/root[/debianhost] btrfs"), fallback);
  }

  /** Boots to the proof's marker; returns the console. */
  private String boot(String out, Path tpm, boolean write, String name) throws Exception {
    Path log = tmp.resolve(name + ".log");
    List<String> args =
        new ArrayList<>(
            List.of(
                "vm",
                "--secure-boot",
                "--tpm=" + tpm,
                "--expect=" + DONE,
                "--timeout=900",
                "--log=" + log));
    if (write) {
      args.add("--write");
    }
    args.add(out);
    StringWriter vm = new StringWriter();
    int booted = ImageBuilds.applc(vm, args.toArray(String[]::new));
    assertEquals(0, booted, name + " boot: " + vm + "\n" + ImageBuilds.tail(log));
    return Files.readString(log, StandardCharsets.ISO_8859_1).replace("\r", "");
  }

  /** A Debian trixie host root with the proof unit, as an OCI layout with the tag `latest`. */
  private void debianhost(Path layout) throws Exception {
    Path tar = tmp.resolve("debianhost.tar");
    String unit = "/etc/systemd/system/initos-proof.service";
    run(
        "mmdebstrap",
        "--variant=apt",
        "--include=" + PACKAGES,
        "--customize-hook=printf '%s' '" + PROOF_UNIT + "' > \"$1" + unit + "\"",
        "--customize-hook=ln -s "
            + unit
            + " \"$1/etc/systemd/system/multi-user.target.wants/initos-proof.service\"",
        "trixie",
        tar.toString());
    TestImages images = new TestImages(layout);
    JsonObject manifest = images.manifestOfTar("linux/amd64", tar);
    images.index(Map.of("latest", manifest));
    Files.delete(tar);
  }

  /** The entries of the initrd inside a UKI. */
  private List<String> initrdEntries(Path uki) throws Exception {
    Path initrd = tmp.resolve("initrd.img");
    run("objcopy", "-O", "binary", "--only-section=.initrd", uki.toString(), initrd.toString());
    Process p =
        new ProcessBuilder("sh", "-c", "zstd -dc \"$1\" | cpio -t --quiet", "sh", initrd.toString())
            .redirectErrorStream(true)
            .start();
    String list = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), list);
    return list.lines().toList();
  }

  /** Flips a byte in the middle of the UKI on an ESP of the disk, so its signature fails. */
  private void damageUki(Path disk, String partition) throws Exception {
    Process p = new ProcessBuilder("sfdisk", "--json", disk.toString()).start();
    JsonObject table =
        JsonParser.parseString(
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
            .getAsJsonObject()
            .getAsJsonObject("partitiontable");
    assertEquals(0, p.waitFor());
    long start = -1;
    for (var e : table.getAsJsonArray("partitions")) {
      if (e.getAsJsonObject().get("name").getAsString().equals(partition)) {
        start = e.getAsJsonObject().get("start").getAsLong() * 512;
      }
    }
    assertTrue(start >= 0, "no partition " + partition);
    String fat = disk + "@@" + start;
    Path copy = tmp.resolve("damaged.efi");
    run("mcopy", "-n", "-i", fat, "::/EFI/BOOT/BOOTX64.EFI", copy.toString());
    byte[] bytes = Files.readAllBytes(copy);
    bytes[bytes.length / 2] ^= (byte) 0xff;
    Files.write(copy, bytes);
    run("mcopy", "-o", "-i", fat, copy.toString(), "::/EFI/BOOT/BOOTX64.EFI");
  }

  private static void run(String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("MTOOLS_SKIP_CHECK", "1");
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", command) + ":\n" + output);
  }
}
