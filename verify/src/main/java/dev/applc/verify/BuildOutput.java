package dev.applc.verify;

import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.model.Appliance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What one verification reads: the spec's model and compiled tree, the build output, the keys
 * folder, and the tools.
 *
 * @param compiled what the spec compiles to now (with the spans each file came from)
 * @param out the build's output folder (config/, images/)
 * @param keys the folder the spec's key paths are relative to
 */
record BuildOutput(
    Appliance appliance,
    OutputTree compiled,
    Origins origins,
    Path out,
    Path keys,
    Tools tools,
    Findings findings) {

  Path images() {
    return out.resolve("images");
  }

  Path image(String name) {
    return images().resolve(name);
  }

  /** Whether the build had a phase with this id, such as {@code 80-disk}. */
  boolean hasPhase(String id) {
    return compiled.get("build/phases/" + id + ".sh").isPresent();
  }

  /** A compiled file's text, empty when the spec does not generate it. */
  Optional<String> compiledText(String path) {
    return compiled.get(path).map(f -> f.text());
  }

  /** The contents of a root hash file under images/, without its line end. */
  Optional<String> rootHash(String file) {
    Path p = image(file);
    if (!Files.isRegularFile(p)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(p, StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(Path file) {
    try (var in = Files.newInputStream(file)) {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        d.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(String text) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(d.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A UUID from 128 bits of hex, as the phases' {@code sed} makes it: 8-4-4-4-12, lower case as the
   * hash is.
   */
  static String uuid(String hex32) {
    return hex32.substring(0, 8)
        + "-"
        + hex32.substring(8, 12)
        + "-"
        + hex32.substring(12, 16)
        + "-"
        + hex32.substring(16, 20)
        + "-"
        + hex32.substring(20, 32);
  }
}
