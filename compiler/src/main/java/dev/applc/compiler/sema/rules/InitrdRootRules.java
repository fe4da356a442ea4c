package dev.applc.compiler.sema.rules;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Boot;
import dev.applc.compiler.model.BuildSettings;
import dev.applc.compiler.model.EffectiveBoot;
import dev.applc.compiler.model.OperatingSystem;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.Partition.Contents.Kind;
import java.util.List;
import java.util.Optional;

/**
 * An OS that is the UKI's initramfs ({@code os { root = initrd }}) boots one way only: the UEFI
 * firmware starts the UKI itself, the build makes nothing but the UKI, and the disk holds data that
 * the device formats on its first boot (APL0304). And a size budget must bound an image that the
 * build makes (APL0305).
 */
final class InitrdRootRules implements Rule {

  /** The formats of an appliance whose OS is its initrd: the UKI, nothing else. */
  static final List<String> FORMATS = List.of("uki");

  @Override
  public void check(Appliance a, Diagnostics d) {
    if (a.os().rootInInitrd()) {
      initrdRoot(a, d);
    }
    sizeBudget(a, d);
  }

  private static void initrdRoot(Appliance a, Diagnostics d) {
    OperatingSystem os = a.os();
    String why = "the OS is the UKI's initrd (`root = initrd`)";
    if (!a.board().firmware().isUefi()) {
      d.add(
          Diagnostic.error(
                  Code.OS_IN_INITRD,
                  os.origin().at("root"),
                  why
                      + ", but board `"
                      + a.board().name()
                      + "` boots with "
                      + a.board().firmware().id()
                      + ", which starts no UKI")
              .label("the OS in the initrd")
              .related(a.board().origin().at("firmware"), "the board's firmware")
              .help(
                  "use a UEFI board, or remove `root = initrd` and give the OS a root partition"));
      return;
    }
    Optional<Boot.Uki> uki = EffectiveBoot.uki(a);
    if (uki.isPresent() && !uki.get().bootloader().equals("none")) {
      boolean written = a.boot().uki().isPresent();
      d.add(
          Diagnostic.error(
                  Code.OS_IN_INITRD,
                  written ? uki.get().origin().at("bootloader") : os.origin().at("root"),
                  why
                      + ", so the firmware starts the UKI itself; "
                      + uki.get().bootloader()
                      + " would need an ESP that the build does not make")
              .label(written ? "a boot loader in front of the UKI" : "the OS in the initrd")
              .help(
                  written
                      ? "set `bootloader = none`"
                      : "add `uki { bootloader = none }` to the appliance"));
    }
    BuildSettings b = a.build();
    if (!b.formats().equals(FORMATS)) {
      List<String> others = b.formats().stream().filter(f -> !f.equals("uki")).toList();
      d.add(
          Diagnostic.error(
                  Code.OS_IN_INITRD,
                  b.origin().at("formats"),
                  why
                      + ", so the build makes the UKI and nothing else, but `formats` "
                      + (others.isEmpty()
                          ? "leaves it out"
                          : "asks for `" + String.join("`, `", others) + "`"))
              .label("the build's artifacts")
              .related(os.origin().at("root"), "the OS in the initrd")
              .note("disk images, RAUC bundles and sysupdate artifacts carry a root partition")
              .help("set `build { formats = [uki] }`"));
    }
    Optional<String> generator = a.boot().initrd().generator();
    if (generator.isPresent() && !generator.get().equals("custom")) {
      d.add(
          Diagnostic.error(
                  Code.OS_IN_INITRD,
                  a.boot().initrd().origin().at("generator"),
                  why + ", which the build packs itself; " + generator.get() + " does not make it")
              .label("an initrd generator")
              .related(os.origin().at("root"), "the OS in the initrd")
              .help(
                  "remove `generator`, or set `generator = custom` with `init` naming the"
                      + " initrd's /init"));
    }
    for (Partition p : a.disk().partitions()) {
      Optional<String> problem = firstBootProblem(p);
      problem.ifPresent(
          what ->
              d.add(
                  Diagnostic.error(
                          Code.OS_IN_INITRD,
                          p.origin().header(),
                          why
                              + ", so the device makes its disk on the first boot, but partition `"
                              + p.name()
                              + "` "
                              + what)
                      .label("partition `" + p.name() + "`")
                      .related(os.origin().at("root"), "the OS in the initrd")
                      .note(
                          "the build makes no disk image: the disk's partitions are created and"
                              + " formatted on the device, empty")
                      .help(
                          "remove the partition, or make it a data partition such as `partition"
                              + " data { type = linux-generic; size = grow; mount = \"/data\""
                              + " }`")));
    }
    a.update()
        .ifPresent(
            u ->
                d.add(
                    Diagnostic.error(
                            Code.OS_IN_INITRD,
                            u.origin().header(),
                            why
                                + ", which no update method replaces: RAUC and sysupdate write"
                                + " partitions")
                        .label("an update policy")
                        .related(os.origin().at("root"), "the OS in the initrd")
                        .help("remove the `update` block; replace the UKI to update")));
  }

  /** What a partition needs from the build that a disk made on the device cannot give. */
  private static Optional<String> firstBootProblem(Partition p) {
    Kind kind = p.contents().kind();
    if (kind == Kind.OS || kind == Kind.USR) {
      return Optional.of("would hold the OS");
    }
    if (kind == Kind.BOOT) {
      return Optional.of("would hold boot files");
    }
    if (kind == Kind.COPY || kind == Kind.FILES || kind == Kind.VERITY) {
      return Optional.of("has contents that only a build can put there");
    }
    if (p.verity().enabled()) {
      return Optional.of("has dm-verity, which needs a hash tree made by the build");
    }
    if (p.encryption().isPresent()) {
      return Optional.of("is encrypted, which the first-boot setup does not do");
    }
    if (!p.subvolumes().isEmpty()) {
      return Optional.of("has btrfs subvolumes, which the first-boot setup does not make");
    }
    return Optional.empty();
  }

  private static void sizeBudget(Appliance a, Diagnostics d) {
    BuildSettings b = a.build();
    if (b.maxSize().isEmpty() || a.os().rootInInitrd()) {
      return;
    }
    boolean images =
        b.formats().stream().anyMatch(f -> List.of("disk", "raucb", "sysupdate").contains(f));
    boolean osPartition =
        a.disk().partitions().stream()
            .anyMatch(p -> p.contents().kind() == Kind.OS || p.contents().kind() == Kind.USR);
    if (images && osPartition) {
      return;
    }
    d.add(
        Diagnostic.error(
                Code.SIZE_BUDGET_UNUSED,
                b.origin().at("max-size"),
                "`max-size` bounds the OS image, but this build makes "
                    + (images ? "no root or /usr partition image" : "no partition images"))
            .label("a budget nothing is checked against")
            .note(
                "the budget applies to the UKI when the OS is its initrd (`os { root = initrd }`),"
                    + " else to each root and /usr partition image of a disk, bundle or sysupdate"
                    + " build")
            .help("remove `max-size`, or build the OS image it is meant to bound"));
  }
}
