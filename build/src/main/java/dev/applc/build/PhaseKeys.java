package dev.applc.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * The cache key of each phase: the SHA-256 of the previous phase's key, the phase's script, every
 * input it declares (files and folders, by content, name and executable bit) and the source date,
 * unless the phase does not depend on it. The bootstrap declares no overlay and sets its own date,
 * so its key stays the same when only an overlay changes or a new commit changes the source date.
 */
final class PhaseKeys {
  private PhaseKeys() {}

  static List<String> of(PhasePlan plan, BuildEnvironment env) throws IOException {
    List<String> keys = new ArrayList<>();
    String previous = "";
    for (PhasePlan.Step step : plan.steps()) {
      MessageDigest d = sha256();
      update(d, "applc-phase-key 1");
      update(d, previous);
      update(d, step.id());
      if (step.sourceDate()) {
        update(d, "SOURCE_DATE_EPOCH=" + env.sourceDateEpoch());
      }
      digestPath(d, step.script(env.config()), step.script(env.config()));
      for (PhasePlan.Input input : step.inputs()) {
        update(d, "input " + input.root() + " " + input.path());
        Path root = env.root(input.root());
        Path p = root.resolve(input.path()).normalize();
        digestPath(d, p, p);
      }
      previous = HexFormat.of().formatHex(d.digest());
      keys.add(previous);
    }
    return keys;
  }

  private static void digestPath(MessageDigest d, Path base, Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      update(d, "missing");
      return;
    }
    if (Files.isSymbolicLink(p)) {
      update(d, "link " + base.relativize(p) + " " + Files.readSymbolicLink(p));
    } else if (Files.isDirectory(p)) {
      update(d, "dir " + base.relativize(p));
      List<Path> children;
      try (Stream<Path> s = Files.list(p)) {
        children = s.sorted().toList();
      }
      for (Path c : children) {
        digestPath(d, base, c);
      }
    } else {
      update(d, "file " + base.relativize(p) + (Files.isExecutable(p) ? " x" : ""));
      update(d, HexFormat.of().formatHex(fileDigest(p)));
    }
  }

  private static byte[] fileDigest(Path p) throws IOException {
    MessageDigest d = sha256();
    try (var in = Files.newInputStream(p)) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        d.update(buf, 0, n);
      }
    }
    return d.digest();
  }

  private static void update(MessageDigest d, String s) {
    d.update(s.getBytes(StandardCharsets.UTF_8));
    d.update((byte) 0);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
