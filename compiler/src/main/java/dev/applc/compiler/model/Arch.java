package dev.applc.compiler.model;

import java.util.Arrays;
import java.util.Optional;

/** CPU architectures, named as systemd names them ({@code %a}). */
public enum Arch {
  X86_64("x86-64", "x64", "amd64"),
  ARM64("arm64", "aa64", "arm64");

  private final String id;
  private final String efiSuffix;
  private final String debianArch;

  Arch(String id, String efiSuffix, String debianArch) {
    this.id = id;
    this.efiSuffix = efiSuffix;
    this.debianArch = debianArch;
  }

  public String id() {
    return id;
  }

  /** The suffix of EFI file names: {@code BOOTX64.EFI}, {@code systemd-bootaa64.efi}. */
  public String efiSuffix() {
    return efiSuffix;
  }

  public String debianArch() {
    return debianArch;
  }

  public static Optional<Arch> byId(String id) {
    return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst();
  }
}
