package dev.applc.lifecycle;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The update artifacts the guest installs, on a read-only disk of their own (the guest has no
 * network): N+1's bundle (and, with {@code delta = casync}, its casync variant with the chunk
 * store), the broken N+2, and two bundles the device must refuse: N+1 signed with a key of no one
 * it trusts, and N+1 with one byte of its payload changed.
 */
final class UpdateArtifacts {
  private UpdateArtifacts() {}

  static final String NEXT = "next.raucb";
  static final String NEXT_CASYNC = "next-casync.raucb";
  static final String BROKEN = "broken.raucb";
  static final String FOREIGN = "foreign.raucb";
  static final String TAMPERED = "tampered.raucb";

  /** The certificate of the foreign key, for `applc test --break keyring`. */
  static final String FOREIGN_CERT = "foreign-cert.pem";

  /** Where the guest's agent mounts the disk. */
  static final String IN_GUEST = "/run/applc-test/updates/";

  /**
   * Fills {@code folder} from the images of N+1 and N+2 and packs it into a squashfs image, which
   * is returned. With {@code casync}, N+1's casync bundle and its chunk store come too.
   */
  static Path prepare(Path next, Path broken, boolean casync, Path folder, Path image)
      throws IOException, InterruptedException {
    if (Files.exists(folder)) {
      run(List.of("rm", "-rf", "--", folder.toString()));
    }
    Files.createDirectories(folder);
    Path nextBundle = plainBundle(next);
    link(nextBundle, folder.resolve(NEXT));
    link(plainBundle(broken), folder.resolve(BROKEN));
    if (casync) {
      Path bundle = casyncBundle(next);
      link(bundle, folder.resolve(NEXT_CASYNC));
      // RAUC looks for the chunk store beside the bundle, named as it is.
      Path store = Path.of(bundle.toString().replaceFirst("\\.raucb$", ".castr"));
      run(
          List.of(
              "cp", "-al", "--", store.toString(), folder.resolve("next-casync.castr").toString()));
    }

    // A bundle signed by a key the device does not trust.
    Path keys = folder.getParent().resolve("foreign-key");
    Files.createDirectories(keys);
    run(
        List.of(
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "3650",
            "-subj",
            "/CN=applc test: a key no device trusts",
            "-keyout",
            keys.resolve("key.pem").toString(),
            "-out",
            keys.resolve("cert.pem").toString()));
    // --no-verify: the input is the build's own bundle; the keyring is the foreign certificate,
    // since resign checks the new signature against it.
    run(
        List.of(
            "rauc",
            "resign",
            "--no-verify",
            "--keyring=" + keys.resolve("cert.pem"),
            "--cert=" + keys.resolve("cert.pem"),
            "--key=" + keys.resolve("key.pem"),
            nextBundle.toString(),
            folder.resolve(FOREIGN).toString()));
    Files.copy(keys.resolve("cert.pem"), folder.resolve(FOREIGN_CERT));

    // The payload changed after signing: one byte, 1 MiB in.
    Path tampered = folder.resolve(TAMPERED);
    Files.copy(nextBundle, tampered);
    flip(tampered, 1L << 20);

    return pack(folder, image);
  }

  /**
   * Packs {@code folder} into the squashfs image the guest mounts, uncompressed: the updates in it
   * are compressed already, and QEMU reads it faster so.
   */
  static Path pack(Path folder, Path image) throws IOException, InterruptedException {
    Files.deleteIfExists(image);
    run(
        List.of(
            "mksquashfs",
            folder.toString(),
            image.toString(),
            "-noI",
            "-noD",
            "-noF",
            "-noX",
            "-quiet",
            "-no-progress"));
    return image;
  }

  /** Changes one byte of {@code file} at {@code offset}. */
  static void flip(Path file, long offset) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(offset);
      int b = f.read();
      f.seek(offset);
      f.write(b ^ 0xff);
    }
  }

  private static Path plainBundle(Path images) throws IOException {
    return only(images, p -> p.endsWith(".raucb") && !p.endsWith("-casync.raucb"));
  }

  private static Path casyncBundle(Path images) throws IOException {
    return only(images, p -> p.endsWith("-casync.raucb"));
  }

  private static Path only(Path images, java.util.function.Predicate<String> name)
      throws IOException {
    try (Stream<Path> s = Files.list(images)) {
      List<Path> found = s.filter(p -> name.test(p.getFileName().toString())).sorted().toList();
      if (found.size() != 1) {
        throw new IOException("expected one such bundle in " + images + ", found " + found);
      }
      return found.get(0);
    }
  }

  private static void link(Path from, Path to) throws IOException {
    try {
      Files.createLink(to, from);
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(from, to);
    }
  }

  static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed:\n" + out);
    }
    return out;
  }
}
