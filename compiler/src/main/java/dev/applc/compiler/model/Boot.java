package dev.applc.compiler.model;

import java.util.List;
import java.util.Optional;

/** The boot chain: kernel, initrd and the optional UKI. */
public record Boot(Kernel kernel, Initrd initrd, Optional<Uki> uki) {

  public record Kernel(
      Optional<String> packageName,
      Optional<String> image,
      List<String> config,
      List<String> cmdline,
      List<String> modules,
      Origin origin) {
    public Kernel {
      config = List.copyOf(config);
      cmdline = List.copyOf(cmdline);
      modules = List.copyOf(modules);
    }
  }

  public record Initrd(
      Optional<String> generator,
      Optional<String> init,
      boolean shell,
      List<String> modules,
      Origin origin) {
    public Initrd {
      modules = List.copyOf(modules);
    }
  }

  /** A Unified Kernel Image; {@code signKey} names the Secure Boot key that signs it. */
  public record Uki(
      Optional<String> signKey, String bootloader, boolean bootCounting, Origin origin) {}
}
