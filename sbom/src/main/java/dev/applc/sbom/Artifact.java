package dev.applc.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A result of the build, by its SHA-256.
 *
 * @param name its name in the images folder, such as {@code disk.raw}; a folder's ends in {@code /}
 * @param sha256 a file's SHA-256; for a folder (a casync chunk store), the SHA-256 of its listing
 *     as {@code sha256sum} prints it for every file in it, sorted by path
 * @param files how many files it holds: 1 for a file
 */
public record Artifact(String name, String sha256, int files) {

  public boolean folder() {
    return name.endsWith("/");
  }

  /** Every file and folder in {@code images}, sorted by name; links are not followed. */
  public static List<Artifact> in(Path images) throws IOException {
    List<Artifact> artifacts = new ArrayList<>();
    List<Path> entries;
    try (Stream<Path> s = Files.list(images)) {
      entries = s.sorted().toList();
    }
    for (Path p : entries) {
      String name = p.getFileName().toString();
      if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        artifacts.add(new Artifact(name, sha256(p), 1));
      } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        artifacts.add(folder(p, name + "/"));
      }
    }
    return List.copyOf(artifacts);
  }

  private static Artifact folder(Path dir, String name) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files =
          s.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
              .map(dir::relativize)
              .sorted()
              .toList();
    }
    StringBuilder listing = new StringBuilder();
    for (Path f : files) {
      listing
          .append(sha256(dir.resolve(f)))
          .append("  ")
          .append(f.toString().replace('\\', '/'))
          .append('\n');
    }
    MessageDigest md = digest();
    md.update(listing.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return new Artifact(name, HexFormat.of().formatHex(md.digest()), files.size());
  }

  /** The SHA-256 of a file, in lowercase hex. */
  public static String sha256(Path file) throws IOException {
    MessageDigest md = digest();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
