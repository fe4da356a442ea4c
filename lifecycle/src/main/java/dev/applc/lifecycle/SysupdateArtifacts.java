package dev.applc.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The systemd-sysupdate sources the guest updates from, each a folder on a read-only disk of their
 * own (the guest has no network): N+1, the broken N+2 and N+3 as the build published them, and two
 * the device must refuse: N+3 with SHA256SUMS signed by a key no device trusts, and N+3 with one
 * byte of its root image changed after signing. N+3, because it is not installed when they are
 * offered: an installed version is not downloaded again, so its damage would go unseen.
 */
final class SysupdateArtifacts {
  private SysupdateArtifacts() {}

  static final String NEXT = "next";
  static final String BROKEN = "broken";
  static final String LATER = "later";
  static final String FOREIGN = "foreign";
  static final String TAMPERED = "tampered";

  /** The foreign public key as a keyring, for `applc test --break keyring`. */
  static final String FOREIGN_KEYRING = "foreign-pubring.gpg";

  /** What the build publishes for sysupdate, in its images folder. */
  static final String PUBLISHED = "sysupdate";

  /** Fills {@code folder} and packs it into the squashfs image {@code image}, which is returned. */
  static Path prepare(Path next, Path broken, Path later, Path folder, Path image)
      throws IOException, InterruptedException {
    if (Files.exists(folder)) {
      UpdateArtifacts.run(List.of("rm", "-rf", "--", folder.toString()));
    }
    Files.createDirectories(folder);
    copy(next, folder.resolve(NEXT));
    copy(broken, folder.resolve(BROKEN));
    copy(later, folder.resolve(LATER));

    Path foreign = folder.resolve(FOREIGN);
    copy(later, foreign);
    Path home = folder.getParent().resolve("foreign-gnupg");
    if (Files.exists(home)) {
      UpdateArtifacts.run(List.of("rm", "-rf", "--", home.toString()));
    }
    Files.createDirectories(
        home, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    gpg(
        home,
        "--passphrase",
        "",
        "--quick-gen-key",
        "applc test: a key no device trusts",
        "rsa2048",
        "sign",
        "never");
    Path signature = foreign.resolve("SHA256SUMS.gpg");
    Files.deleteIfExists(signature);
    try {
      gpg(
          home,
          "--detach-sign",
          "--output",
          signature.toString(),
          foreign.resolve("SHA256SUMS").toString());
      gpg(home, "--output", folder.resolve(FOREIGN_KEYRING).toString(), "--export");
    } finally {
      // gpg started an agent for the key; it must not outlive the test.
      UpdateArtifacts.run(List.of("gpgconf", "--homedir", home.toString(), "--kill", "all"));
    }

    // The root image changed after signing: one byte, 1 MiB into the image, compressed again as
    // the build compressed it, so that only SHA256SUMS can tell.
    Path tampered = folder.resolve(TAMPERED);
    copy(later, tampered);
    Path root = largest(tampered);
    Path changed = folder.getParent().resolve("tampered-root");
    Optional<String> tool = compressor(root);
    if (tool.isPresent()) {
      Path plain = folder.getParent().resolve("tampered-root.raw");
      shell(tool.get() + " -d -c \"$1\" >\"$2\"", root, plain);
      UpdateArtifacts.flip(plain, Math.min(1L << 20, Files.size(plain) / 2));
      shell(tool.get() + " -c \"$1\" >\"$2\"", plain, changed);
      Files.delete(plain);
    } else {
      Files.copy(root, changed, StandardCopyOption.REPLACE_EXISTING);
      UpdateArtifacts.flip(changed, Math.min(1L << 20, Files.size(changed) / 2));
    }
    // Replaces the hard link: N+3's own file stays as it was.
    Files.move(changed, root, StandardCopyOption.REPLACE_EXISTING);

    return UpdateArtifacts.pack(folder, image);
  }

  /** A copy of a build's published sysupdate folder: hard links, which mksquashfs stores once. */
  private static void copy(Path images, Path to) throws IOException, InterruptedException {
    Path published = images.resolve(PUBLISHED);
    if (!Files.isDirectory(published)) {
      throw new IOException("the build published no " + published);
    }
    UpdateArtifacts.run(List.of("cp", "-al", "--", published.toString(), to.toString()));
  }

  /** The compressor that made an artifact, by its suffix; none for an uncompressed one. */
  private static Optional<String> compressor(Path artifact) {
    String name = artifact.getFileName().toString();
    if (name.endsWith(".gz")) {
      return Optional.of("gzip -n");
    } else if (name.endsWith(".xz")) {
      return Optional.of("xz");
    } else if (name.endsWith(".zst")) {
      return Optional.of("zstd -q");
    }
    return Optional.empty();
  }

  private static void shell(String script, Path in, Path out)
      throws IOException, InterruptedException {
    UpdateArtifacts.run(List.of("sh", "-c", script, "sh", in.toString(), out.toString()));
  }

  private static Path largest(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.getFileName().toString().contains(".raw"))
          .max((x, y) -> Long.compare(x.toFile().length(), y.toFile().length()))
          .orElseThrow(() -> new IOException("no partition image in " + folder));
    }
  }

  private static void gpg(Path home, String... args) throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "gpg",
                "--homedir",
                home.toString(),
                "--batch",
                "--quiet",
                "--yes",
                "--pinentry-mode",
                "loopback"));
    command.addAll(List.of(args));
    UpdateArtifacts.run(command);
  }
}
