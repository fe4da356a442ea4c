package dev.applc.backends.uboot;

import dev.applc.backends.rauc.SlotClasses;
import dev.applc.backends.template.Templates;
import dev.applc.compiler.backend.Backend;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Arch;
import dev.applc.compiler.model.Board;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.PartitionType.Kind;
import dev.applc.compiler.model.UpdatePolicy;
import dev.applc.compiler.source.SourceSpan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * u-boot's side of A/B updates on a board whose firmware is u-boot: {@code /etc/fw_env.config}, so
 * that fw_setenv (and RAUC) find the environment where u-boot keeps it; the boot script that picks
 * a slot from RAUC's {@code BOOT_ORDER} and {@code BOOT_x_LEFT}; and the initial environment for
 * {@code mkenvimage}.
 */
public final class UbootBackend implements Backend {
  public static final String FW_ENV_CONFIG = "rootfs/etc/fw_env.config";
  public static final String BOOT_CMD = "boot/boot.cmd";
  public static final String INITIAL_ENV = "boot/uboot-env.txt";

  /** Characters a value may have inside a double-quoted u-boot shell string or a command. */
  private static final Pattern SCRIPT_SAFE = Pattern.compile("[A-Za-z0-9_.,:=/+@%~ -]*");

  /** A console is one kernel argument's value: no blanks either. */
  private static final Pattern CONSOLE = Pattern.compile("[A-Za-z0-9_.,:=/+@%~-]+");

  /** u-boot's shell reads a variable name as letters, digits and underscores only. */
  private static final Pattern VARIABLE_PART = Pattern.compile("[A-Za-z0-9_]+");

  private static final Pattern DEVICE_TREE =
      Pattern.compile("[A-Za-z0-9_.,+-]+(/[A-Za-z0-9_.,+-]+)*");

  @Override
  public String id() {
    return "uboot";
  }

  @Override
  public void generate(BackendContext ctx) {
    Appliance a = ctx.appliance();
    Board board = a.board();
    if (board.firmware() != Board.Firmware.UBOOT) {
      return;
    }
    boolean rauc = a.update().map(u -> u.method() == UpdatePolicy.Method.RAUC).orElse(false);
    Optional<Board.UbootEnv> env = board.ubootEnv();
    if (env.isPresent()) {
      fwEnvConfig(ctx, env.get());
    } else if (rauc) {
      ctx.diagnostics()
          .add(
              Diagnostic.error(
                      Code.TARGET_UNSUPPORTED,
                      board.origin().header(),
                      "RAUC's u-boot backend needs the u-boot environment, but board `"
                          + board.name()
                          + "` does not say where it is")
                  .label("no `uboot-env`")
                  .related(a.update().get().origin().header(), "RAUC updates")
                  .note("RAUC switches slots with fw_setenv, which reads /etc/fw_env.config")
                  .help(
                      "add `uboot-env { offset = ...; size = ... }` to the board, as u-boot's"
                          + " CONFIG_ENV_OFFSET and CONFIG_ENV_SIZE say"));
    }
    if (!a.disk().hasSlots()) {
      return;
    }
    Optional<List<BootSlot>> slots = slots(ctx);
    if (slots.isEmpty()) {
      return;
    }
    int tries = a.update().map(u -> u.rollback().tries()).orElse(3);
    bootScript(ctx, slots.get(), tries);
    env.ifPresent(e -> initialEnv(ctx, e, slots.get(), tries));
  }

  private static void fwEnvConfig(BackendContext ctx, Board.UbootEnv env) {
    if (!env.device().matches("[^\\s#]+")) {
      ctx.diagnostics()
          .add(
              Diagnostic.error(
                      Code.TARGET_UNSUPPORTED,
                      env.origin().at("device"),
                      "fw_env.config separates its columns with blanks, so the device `"
                          + env.device()
                          + "` cannot be written there")
                  .label("blank or `#` in the device")
                  .help(
                      "name the device by a path without blanks, such as a /dev/disk/by-id link"));
    }
    List<Map<String, Object>> copies = new ArrayList<>();
    copies.add(copy(env, env.offset()));
    env.redundantOffset().ifPresent(o -> copies.add(copy(env, o)));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("copies", copies);
    ctx.out()
        .add(
            FW_ENV_CONFIG,
            Templates.render("uboot/fw_env.config.ftl", m),
            OutputTree.MODE_FILE,
            List.of(env.origin().span()));
  }

  private static Map<String, Object> copy(Board.UbootEnv env, long offset) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("device", env.device());
    c.put("offset", hex(offset));
    c.put("size", hex(env.size()));
    c.put("eraseSize", hex(env.eraseSize()));
    return c;
  }

  /**
   * The slots the script chooses between: each slot's root partition, by its number on the disk
   * (partitions are numbered in disk order, as the repart definitions create them).
   */
  private static Optional<List<BootSlot>> slots(BackendContext ctx) {
    Appliance a = ctx.appliance();
    List<Partition> parts = a.disk().partitions();
    List<BootSlot> slots = new ArrayList<>();
    boolean ok = true;
    for (String slot : a.disk().slotNames()) {
      Optional<Partition> root =
          parts.stream()
              .filter(
                  p ->
                      p.slot().equals(Optional.of(slot))
                          && p.derivedFrom().isEmpty()
                          && p.type().kind() == Kind.ROOT)
              .findFirst();
      if (root.isEmpty()) {
        ctx.diagnostics()
            .add(
                Diagnostic.error(
                        Code.TARGET_UNSUPPORTED,
                        a.disk().origin().header(),
                        "the u-boot boot script boots a root partition in each slot, but slot `"
                            + slot
                            + "` has none")
                    .label("no `type = root` partition in the slots")
                    .help("put the root partition inside `slots [...] { ... }`"));
        return Optional.empty();
      }
      Partition p = root.get();
      String bootname = SlotClasses.bootname(slot);
      if (!VARIABLE_PART.matcher(bootname).matches()) {
        ctx.diagnostics()
            .add(
                Diagnostic.error(
                        Code.TARGET_UNSUPPORTED,
                        p.origin().header(),
                        "u-boot's shell cannot name the variable `BOOT_"
                            + bootname
                            + "_LEFT` for slot `"
                            + slot
                            + "`")
                    .label("slot name with characters other than letters, digits and `_`")
                    .help("name the slots with letters and digits, such as `[a, b]`"));
        ok = false;
      }
      if (p.verity().enabled()) {
        ctx.diagnostics()
            .add(
                Diagnostic.error(
                        Code.TARGET_DEGRADED,
                        p.origin().at("verity"),
                        "the u-boot boot script mounts `"
                            + p.id()
                            + "` without dm-verity: it has no root hash to pass")
                    .label("verity is not checked at boot")
                    .help("boot a UKI through UEFI for a verity root, or set `verity = off`"));
      }
      slots.add(new BootSlot(bootname, parts.indexOf(p) + 1, p));
    }
    return ok ? Optional.of(slots) : Optional.empty();
  }

  /** A slot as the script boots it: its bootname and its root partition's number. */
  private record BootSlot(String bootname, int number, Partition root) {
    Map<String, Object> view() {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("bootname", bootname);
      v.put("part", number);
      v.put("label", root.label());
      return v;
    }

    static List<Map<String, Object>> views(List<BootSlot> slots) {
      return slots.stream().map(BootSlot::view).toList();
    }
  }

  private static void bootScript(BackendContext ctx, List<BootSlot> slots, int tries) {
    Appliance a = ctx.appliance();
    Board board = a.board();
    if (board.arch() != Arch.ARM64) {
      ctx.diagnostics()
          .add(
              Diagnostic.error(
                      Code.TARGET_UNSUPPORTED,
                      board.origin().at("arch"),
                      "the u-boot boot script starts an arm64 kernel with `booti`; board `"
                          + board.name()
                          + "` is "
                          + board.arch().id())
                  .label("not arm64")
                  .help("boot x86-64 boards with UEFI firmware"));
      return;
    }
    BootFiles files = BootFiles.of(a.os().distribution());
    Partition root = slots.get(0).root();
    List<SourceSpan> origins = new ArrayList<>();
    origins.add(board.origin().span());
    origins.add(a.boot().kernel().origin().span());
    slots.forEach(s -> origins.add(s.root().origin().span()));
    a.update().ifPresent(u -> origins.add(u.rollback().origin().span()));

    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("mkimageArch", "arm64");
    m.put("scriptName", a.name() + " A/B");
    m.put("slots", BootSlot.views(slots));
    m.put("tries", tries);
    m.put("triesHex", Integer.toHexString(tries));
    m.put("bootOrder", bootOrder(slots));
    String[] device = ubootDevice(board.storage());
    m.put("devtype", device[0]);
    m.put("devnum", device[1]);
    m.put("bootargs", bootargs(ctx, root));
    m.put("kernel", files.kernel());
    m.put("initrd", files.initrd());
    board
        .deviceTree()
        .ifPresent(
            dt -> {
              if (DEVICE_TREE.matcher(dt).matches() && !dt.contains("..")) {
                m.put("dtb", files.deviceTrees() + dt);
              } else {
                unsafe(ctx, board.origin().at("device-tree"), "the device tree path", dt);
              }
            });
    m.put(
        "fallbackFdt", board.family() == Board.Family.RASPBERRY_PI ? "fdt_addr" : "fdtcontroladdr");
    ctx.out()
        .add(BOOT_CMD, Templates.render("uboot/boot.cmd.ftl", m), OutputTree.MODE_FILE, origins);
  }

  /**
   * The kernel command line without the slot-specific part: the board's console, how to mount the
   * root, and the spec's own arguments. (The kernel backend writes the same arguments for boot
   * loaders that read kernel/cmdline; u-boot reads only this script.)
   */
  private static String bootargs(BackendContext ctx, Partition root) {
    Appliance a = ctx.appliance();
    List<String> args = new ArrayList<>();
    a.board()
        .console()
        .ifPresent(
            c -> {
              if (CONSOLE.matcher(c).matches()) {
                args.add("console=" + c);
              } else {
                unsafe(ctx, a.board().origin().at("console"), "the console", c);
              }
            });
    switch (root.format()) {
      case EXT4, BTRFS, XFS, SQUASHFS, EROFS -> args.add("rootfstype=" + root.format().id());
      default -> {}
    }
    args.add("rootwait");
    args.add(root.readOnly() || root.format().readOnlyByNature() ? "ro" : "rw");
    for (String arg : a.boot().kernel().cmdline()) {
      if (safe(arg)) {
        args.add(arg);
      } else {
        unsafe(ctx, a.boot().kernel().origin().at("cmdline"), "the kernel argument", arg);
      }
    }
    return String.join(" ", args);
  }

  private static boolean safe(String s) {
    return SCRIPT_SAFE.matcher(s).matches();
  }

  private static void unsafe(BackendContext ctx, SourceSpan at, String what, String value) {
    ctx.diagnostics()
        .add(
            Diagnostic.error(
                    Code.TARGET_UNSUPPORTED,
                    at,
                    what + " `" + value + "` cannot be written into the u-boot boot script safely")
                .label("quotes, `$`, `;`, `\\` or other shell characters")
                .note("u-boot's shell expands `$` and splits commands at `;` even inside quotes")
                .help(
                    "use only letters, digits, blanks and `_.,:=/+@%~-`; u-boot scripts have no"
                        + " reliable quoting"));
  }

  private static String bootOrder(List<BootSlot> slots) {
    return String.join(" ", slots.stream().map(BootSlot::bootname).toList());
  }

  private static void initialEnv(
      BackendContext ctx, Board.UbootEnv env, List<BootSlot> slots, int tries) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("size", hex(env.size()));
    m.put("redundant", env.redundantOffset().isPresent());
    m.put("bootOrder", bootOrder(slots));
    m.put("slots", BootSlot.views(slots));
    m.put("triesHex", Integer.toHexString(tries));
    List<SourceSpan> origins = new ArrayList<>();
    origins.add(env.origin().span());
    ctx.appliance().update().ifPresent(u -> origins.add(u.rollback().origin().span()));
    ctx.out()
        .add(
            INITIAL_ENV,
            Templates.render("uboot/uboot-env.txt.ftl", m),
            OutputTree.MODE_FILE,
            origins);
  }

  private static final Pattern MMC = Pattern.compile("/dev/mmcblk(\\d+)");
  private static final Pattern NVME = Pattern.compile("/dev/nvme(\\d+)n1");
  private static final Pattern DISK = Pattern.compile("/dev/(sd|vd)([a-z])");

  /**
   * u-boot's device for the board's storage, for when the script runs outside distro boot (which
   * sets {@code devtype} and {@code devnum} itself). Linux and u-boot may number MMC controllers
   * differently; distro boot's values win when present.
   */
  static String[] ubootDevice(String storage) {
    Matcher m = MMC.matcher(storage);
    if (m.matches()) {
      return new String[] {"mmc", m.group(1)};
    }
    m = NVME.matcher(storage);
    if (m.matches()) {
      return new String[] {"nvme", m.group(1)};
    }
    m = DISK.matcher(storage);
    if (m.matches()) {
      String type = m.group(1).equals("vd") ? "virtio" : "scsi";
      return new String[] {type, Integer.toString(m.group(2).charAt(0) - 'a')};
    }
    return new String[] {"mmc", "0"};
  }

  static String hex(long v) {
    return "0x" + Long.toHexString(v).toLowerCase(Locale.ROOT);
  }
}
