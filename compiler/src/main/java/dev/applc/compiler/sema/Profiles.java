package dev.applc.compiler.sema;

import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Boot;
import dev.applc.compiler.model.Content;
import dev.applc.compiler.model.Lockdown;
import dev.applc.compiler.model.OperatingSystem;
import dev.applc.compiler.model.Profile;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Applies a profile (such as {@code dev}) to an appliance: the result is the appliance that profile
 * builds, with the profile's packages, units, files and users added, and the login prompts and SSH
 * it opens.
 */
public final class Profiles {
  private Profiles() {}

  /** The SSH server package and unit of each distribution. */
  public static String sshPackage(OperatingSystem.Distribution d) {
    return d == OperatingSystem.Distribution.DEBIAN ? "openssh-server" : "openssh";
  }

  public static String sshUnit(OperatingSystem.Distribution d) {
    return d == OperatingSystem.Distribution.DEBIAN ? "ssh.service" : "sshd.service";
  }

  public static Appliance apply(Appliance a, Profile p) {
    OperatingSystem os = a.os();
    LinkedHashSet<String> packages = new LinkedHashSet<>(os.packages());
    packages.addAll(p.packages());
    LinkedHashSet<String> enable = new LinkedHashSet<>(os.enable());
    enable.addAll(p.enable());
    if (p.ssh()) {
      packages.add(sshPackage(os.distribution()));
      enable.add(sshUnit(os.distribution()));
    }
    List<String> mask = new ArrayList<>(os.mask());
    mask.removeAll(p.unmask());
    Lockdown lockdown = a.lockdown();
    // Unmasking what the lockdown masks opens that hatch again in this profile.
    if (p.unmask().contains("emergency.service") || p.unmask().contains("rescue.service")) {
      lockdown =
          new Lockdown(
              lockdown.gettys(), lockdown.ttys(), lockdown.ctrlAltDel(), true, lockdown.sysrq());
    }
    if (p.unmask().contains("ctrl-alt-del.target")) {
      lockdown =
          new Lockdown(
              lockdown.gettys(),
              lockdown.ttys(),
              true,
              lockdown.emergencyShell(),
              lockdown.sysrq());
    }
    if (p.getty().isPresent()) {
      String tty = p.getty().get();
      enable.add("getty@" + tty + ".service");
      mask.remove("getty@" + tty + ".service");
      if (!lockdown.gettys().equals("default")) {
        LinkedHashSet<String> ttys = new LinkedHashSet<>(lockdown.ttys());
        ttys.add(tty);
        lockdown =
            new Lockdown(
                "list",
                List.copyOf(ttys),
                lockdown.ctrlAltDel(),
                lockdown.emergencyShell(),
                lockdown.sysrq());
      }
    }
    List<String> overlays = new ArrayList<>(os.overlays());
    overlays.addAll(p.overlays());
    Content content =
        new Content(
            concat(os.content().files(), p.content().files()),
            concat(os.content().users(), p.content().users()),
            concat(os.content().units(), p.content().units()));
    List<String> enabled = InstalledUnits.enabled(List.copyOf(enable), p.content().units());
    OperatingSystem profiled =
        new OperatingSystem(
            os.distribution(),
            os.release(),
            os.mirror(),
            os.ociImage(),
            List.copyOf(packages),
            os.removePackages(),
            os.strip(),
            os.firmwareKeep(),
            overlays,
            os.postInstall(),
            os.init(),
            os.root(),
            os.factoryEtc(),
            enabled,
            mask,
            os.defaultTarget(),
            content,
            os.tools(),
            os.origin());
    Boot.Kernel k = a.boot().kernel();
    List<String> cmdline = new ArrayList<>(k.cmdline());
    cmdline.addAll(p.cmdline());
    Boot boot =
        new Boot(
            new Boot.Kernel(
                k.packageName(), k.image(), k.config(), cmdline, k.modules(), k.origin()),
            a.boot().initrd(),
            a.boot().uki());
    return new Appliance(
        a.name(),
        a.version(),
        a.compatible(),
        a.hostname(),
        a.description(),
        a.board(),
        profiled,
        boot,
        a.disk(),
        a.session(),
        lockdown,
        a.profiles(),
        a.sysexts(),
        a.update(),
        a.build(),
        a.keys(),
        a.origin());
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
