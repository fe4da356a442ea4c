package dev.applc.compiler.backend;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which paths applc may write an output tree to. {@code compile -o OUT} replaces OUT as a whole and
 * {@code build -o OUT} empties parts of it, so both refuse a path that holds anything applc did not
 * write: a user's folder, a file, the current folder, the spec or a folder around it.
 *
 * <p>A compile output is recognised by its {@code manifest.json} (generator {@code applc}, a list
 * of files with their SHA-256), either as a real folder (written by applc before output folders
 * became links) or as the link {@link OutputWriter} makes: OUT → {@code .OUT.applc-tree-XXXX}
 * beside it. A build output is recognised by its {@code config/}, which is a compile output.
 */
public final class OutputFolder {
  /** The middle of the name of a tree beside OUT: {@code .OUT.applc-tree-XXXX}. */
  static final String TREE = ".applc-tree-";

  /** The middle of the name of a link made beside OUT before it replaces OUT. */
  static final String LINK = ".applc-link-";

  /** The folder of a build output that holds its compile output. */
  public static final String BUILD_CONFIG = "config";

  private OutputFolder() {}

  /** What the output folder is for: it is replaced whole, or a build writes into it. */
  public enum Kind {
    COMPILE,
    BUILD
  }

  /**
   * Why applc will not write to {@code path}; {@code clearable} when the user could clear the path
   * to use it (a folder or file of theirs, not the current folder or one around the spec).
   */
  public record Refusal(Path path, String reason, boolean clearable) {
    public String message() {
      return "will not write to `" + path + "`: " + reason;
    }
  }

  /** Thrown by {@link OutputWriter} for a target it may not replace. */
  public static final class RefusedException extends IOException {
    private final transient Refusal refusal;

    public RefusedException(Refusal refusal) {
      super(refusal.message());
      this.refusal = refusal;
    }

    public Refusal refusal() {
      return refusal;
    }
  }

  /**
   * Why {@code out} cannot be the output of {@code spec} (may be null when there is no spec file),
   * or empty when applc may write there.
   */
  public static Optional<Refusal> check(Path out, Path spec, Kind kind) throws IOException {
    Path target = absolute(out);
    Path cwd = absolute(Path.of(""));
    if (cwd.equals(target)) {
      return refuse(out, "it is the current folder", false);
    }
    if (cwd.startsWith(target)) {
      return refuse(out, "it holds the current folder", false);
    }
    if (spec != null) {
      Path specPath = absolute(spec);
      if (specPath.equals(target)) {
        return refuse(out, "it is the spec itself", false);
      }
      if (specPath.startsWith(target)) {
        return refuse(out, "it holds the spec", false);
      }
    }
    if (Files.exists(target.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
      return refuse(out, "it is a project's root (it holds .git)", false);
    }
    return kind == Kind.COMPILE ? checkTree(out) : checkBuild(out);
  }

  /**
   * Why {@link OutputWriter} may not replace {@code out} with a tree, or empty when OUT does not
   * exist, is an empty folder, or is a tree applc wrote.
   */
  public static Optional<Refusal> checkTree(Path out) throws IOException {
    Path target = absolute(out);
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    if (Files.isSymbolicLink(target)) {
      return currentTree(target).isPresent()
          ? Optional.empty()
          : refuse(out, "it is a symbolic link applc did not make");
    }
    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      return refuse(out, "it is a file, not a folder");
    }
    if (isEmpty(target) || isApplcTree(target)) {
      return Optional.empty();
    }
    return refuse(
        out,
        Files.exists(target.resolve(Manifest.PATH))
            ? "its manifest.json is not one applc wrote"
            : "it is a folder applc did not write (it has no applc manifest.json)");
  }

  /**
   * Why {@code applc build} may not write to {@code out}, or empty when OUT does not exist, is
   * empty (but for what an interrupted build left), or holds a {@code config/} tree applc wrote.
   */
  static Optional<Refusal> checkBuild(Path out) throws IOException {
    Path target = absolute(out);
    if (!Files.exists(target)) {
      return Files.isSymbolicLink(target)
          ? refuse(out, "it is a symbolic link to nothing")
          : Optional.empty();
    }
    if (!Files.isDirectory(target)) {
      return refuse(out, "it is a file, not a folder");
    }
    Path config = target.resolve(BUILD_CONFIG);
    if (Files.exists(config, LinkOption.NOFOLLOW_LINKS)) {
      boolean applcConfig =
          currentTree(config).isPresent()
              || (Files.isDirectory(config, LinkOption.NOFOLLOW_LINKS) && isApplcTree(config));
      return applcConfig ? Optional.empty() : refuse(out, "its config/ is not a tree applc wrote");
    }
    try (Stream<Path> entries = Files.list(target)) {
      boolean onlyLeftovers =
          entries.allMatch(p -> p.getFileName().toString().startsWith("." + BUILD_CONFIG + "."));
      return onlyLeftovers
          ? Optional.empty()
          : refuse(out, "it is a folder applc build did not write (it has no config/ from applc)");
    }
  }

  /**
   * Whether {@code dir} holds a {@code manifest.json} that applc wrote: a JSON object naming applc
   * as its generator and listing files by path and SHA-256.
   */
  public static boolean isApplcTree(Path dir) {
    Path manifest = dir.resolve(Manifest.PATH);
    if (!Files.isRegularFile(manifest)) {
      return false;
    }
    try {
      JsonElement root = JsonParser.parseString(Files.readString(manifest, StandardCharsets.UTF_8));
      if (!root.isJsonObject()) {
        return false;
      }
      JsonObject o = root.getAsJsonObject();
      if (!isString(o, "generator")
          || !"applc".equals(o.get("generator").getAsString())
          || !isString(o, "spec")
          || !o.has("files")
          || !o.get("files").isJsonArray()) {
        return false;
      }
      for (JsonElement f : o.getAsJsonArray("files")) {
        if (!f.isJsonObject()
            || !isString(f.getAsJsonObject(), "path")
            || !isString(f.getAsJsonObject(), "sha256")) {
          return false;
        }
      }
      return true;
    } catch (IOException | JsonParseException | IllegalStateException e) {
      return false;
    }
  }

  /**
   * The tree the link {@code out} points to, when it is one {@link OutputWriter} made: a relative
   * link to a sibling named {@code .OUT.applc-tree-XXXX}. The tree itself may be gone.
   */
  static Optional<Path> currentTree(Path out) throws IOException {
    if (!Files.isSymbolicLink(out)) {
      return Optional.empty();
    }
    Path link = Files.readSymbolicLink(out);
    String name = link.toString();
    if (link.isAbsolute()
        || link.getNameCount() != 1
        || !name.startsWith(treePrefix(out.getFileName().toString()))) {
      return Optional.empty();
    }
    return Optional.of(out.resolveSibling(name));
  }

  /** The name start of the trees beside an output named {@code name}. */
  static String treePrefix(String name) {
    return "." + name + TREE;
  }

  /** The name start of the links made beside an output named {@code name}. */
  static String linkPrefix(String name) {
    return "." + name + LINK;
  }

  /**
   * Whether a folder named like a tree beside an output is one applc left behind: it holds an applc
   * manifest, or nothing, or nothing but the manifest (a write that was killed).
   */
  static boolean isLeftoverTree(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    if (isApplcTree(dir)) {
      return true;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.allMatch(p -> p.getFileName().toString().equals(Manifest.PATH));
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static boolean isString(JsonObject o, String key) {
    return o.has(key) && o.get(key).isJsonPrimitive() && o.get(key).getAsJsonPrimitive().isString();
  }

  /** The absolute path with {@code ..} resolved, through the links of its parent folders. */
  static Path absolute(Path p) throws IOException {
    Path abs = p.toAbsolutePath().normalize();
    Path parent = abs.getParent();
    if (parent == null || abs.getFileName() == null) {
      return abs;
    }
    return Files.isDirectory(parent) ? parent.toRealPath().resolve(abs.getFileName()) : abs;
  }

  private static Optional<Refusal> refuse(Path out, String reason) {
    return refuse(out, reason, true);
  }

  private static Optional<Refusal> refuse(Path out, String reason, boolean clearable) {
    return Optional.of(new Refusal(out, reason, clearable));
  }
}
