package dev.applc.vm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The UEFI firmware pair for an x86-64 VM, from Debian's {@code ovmf} package: the read-only code
 * and a template of the variable store that each VM gets a private copy of.
 *
 * @param secureBoot whether the firmware enforces Secure Boot (the SMM build with keys enrolled)
 */
public record Firmware(Path code, Path varsTemplate, boolean secureBoot) {
  static final Path OVMF = Path.of("/usr/share/OVMF");

  /** Plain OVMF: no keys enrolled, Secure Boot off. */
  public static Optional<Firmware> plain() {
    return pair("OVMF_CODE_4M.fd", "OVMF_VARS_4M.fd", false);
  }

  /**
   * OVMF with Secure Boot enforced and Debian's test key ("snakeoil") enrolled as PK, KEK and db:
   * it starts only EFI binaries signed with {@code /usr/share/ovmf/PkKek-1-snakeoil.key}. {@code
   * vars} replaces the variable store, for one with other keys enrolled.
   */
  public static Optional<Firmware> secureBoot(Optional<Path> vars) {
    Optional<Firmware> snakeoil =
        pair("OVMF_CODE_4M.snakeoil.fd", "OVMF_VARS_4M.snakeoil.fd", true)
            .or(() -> pair("OVMF_CODE_4M.secboot.fd", "OVMF_VARS_4M.snakeoil.fd", true));
    return vars.isPresent() ? snakeoil.map(f -> f.withVarsTemplate(vars.get())) : snakeoil;
  }

  /** The same firmware code with another variable store template. */
  public Firmware withVarsTemplate(Path vars) {
    return new Firmware(code, vars, secureBoot);
  }

  private static Optional<Firmware> pair(String code, String vars, boolean secureBoot) {
    Path c = OVMF.resolve(code);
    Path v = OVMF.resolve(vars);
    return Files.isRegularFile(c) && Files.isRegularFile(v)
        ? Optional.of(new Firmware(c, v, secureBoot))
        : Optional.empty();
  }
}
