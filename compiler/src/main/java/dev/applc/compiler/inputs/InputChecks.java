package dev.applc.compiler.inputs;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Content;
import dev.applc.compiler.model.Key;
import dev.applc.compiler.model.Origin;
import dev.applc.compiler.model.Profile;
import dev.applc.compiler.model.Sysext;
import dev.applc.compiler.source.ProjectFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks, at compile time, the files and folders of the project that the build copies into the
 * image: each must be a regular file (a folder for an overlay) inside the project, so that a link
 * to {@code /dev/zero} or a FIFO cannot make the build write forever or hang, and a link to {@code
 * /etc} cannot copy the build machine's files. No private key may reach the image, whether a key
 * block names it or its text says it is one. An input that does not exist is a warning, since a
 * script may make it before the build; `applc build` refuses to start without it.
 */
public final class InputChecks {
  private final Path specFolder;
  private final boolean reportMissing;
  private final ProjectFolder project;
  private final Diagnostics diagnostics;
  private final Map<Path, Key> privateKeys = new LinkedHashMap<>();

  private InputChecks(
      Path specFolder, boolean reportMissing, ProjectFolder project, Diagnostics diagnostics) {
    this.specFolder = specFolder;
    this.reportMissing = reportMissing;
    this.project = project;
    this.diagnostics = diagnostics;
  }

  /**
   * Checks every input of an appliance; paths are relative to {@code specFolder}. Inputs that do
   * not exist are reported when {@code reportMissing}: when the spec is a file of that folder.
   */
  public static void check(
      Appliance appliance,
      Path specFolder,
      boolean reportMissing,
      ProjectFolder project,
      Diagnostics diagnostics) {
    new InputChecks(specFolder.toAbsolutePath().normalize(), reportMissing, project, diagnostics)
        .run(appliance);
  }

  /** What the build copies into the image, in the order the spec names it. */
  static List<Input> inputs(Appliance a) {
    List<Input> out = new ArrayList<>();
    a.os()
        .ociImage()
        .ifPresent(
            i ->
                out.add(new Input(Input.Kind.OCI_IMAGE, i.path(), a.os().origin().at("source.0"))));
    overlays(a.os().overlays(), a.os().origin(), out);
    files(a.os().content(), out);
    a.os()
        .postInstall()
        .forEach(h -> out.add(new Input(Input.Kind.SCRIPT, h, a.os().origin().at("post-install"))));
    for (Profile p : a.profiles()) {
      overlays(p.overlays(), p.origin(), out);
      files(p.content(), out);
    }
    for (Sysext s : a.sysexts()) {
      overlays(s.overlays(), s.origin(), out);
    }
    a.update()
        .ifPresent(
            u ->
                u.keyringPath()
                    .ifPresent(
                        k -> out.add(new Input(Input.Kind.KEYRING, k, u.origin().at("keyring")))));
    return out;
  }

  private static void overlays(List<String> overlays, Origin origin, List<Input> out) {
    overlays.forEach(o -> out.add(new Input(Input.Kind.OVERLAY, o, origin.at("overlays"))));
  }

  private static void files(Content content, List<Input> out) {
    for (Content.InlineFile f : content.files()) {
      if (f.content().isEmpty()) {
        f.source()
            .ifPresent(s -> out.add(new Input(Input.Kind.FILE_SOURCE, s, f.origin().at("source"))));
      }
    }
  }

  private void run(Appliance a) {
    for (Key k : a.keys()) {
      k.privateKey().flatMap(this::resolve).ifPresent(p -> privateKeys.putIfAbsent(p, k));
    }
    for (Input input : inputs(a)) {
      resolve(input.path()).ifPresent(p -> check(input, p));
    }
  }

  private Optional<Path> resolve(String path) {
    return ProjectFolder.resolve(specFolder, path);
  }

  private void check(Input input, Path path) {
    if (!project.containsLexically(path)) {
      bad(input, "`" + input.path() + "` is outside the project folder", "outside the project");
      return;
    }
    boolean bringsKeys = namedPrivateKeys(input, path);
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      if (reportMissing && !bringsKeys) { // a named key is the error to fix first
        missing(input);
      }
      return;
    }
    if (!project.containsReally(path)) {
      bad(
          input,
          "`" + input.path() + "` is a link that leads outside the project",
          "links outside the project");
      return;
    }
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (IOException e) {
      return; // Unreadable now: the build reports it with the tool's own words.
    }
    if (input.kind() == Input.Kind.OVERLAY) {
      if (!attributes.isDirectory()) {
        bad(input, "the overlay `" + input.path() + "` is not a folder", "not a folder");
        return;
      }
      OverlayWalk.Findings found = OverlayWalk.walk(path);
      overlayFindings(input, path, found);
      return;
    }
    if (input.kind() == Input.Kind.OCI_IMAGE) {
      if (!attributes.isDirectory() && !attributes.isRegularFile()) {
        bad(
            input,
            "the OCI image `" + input.path() + "` is not a folder or a file",
            "special file");
      }
      return; // applc tool oci-unpack checks every blob of it against its digest
    }
    if (!attributes.isRegularFile()) {
      bad(
          input,
          input.kind().description() + " `" + input.path() + "` is not a regular file",
          attributes.isDirectory() ? "a folder" : "a device, FIFO or socket");
      return;
    }
    if (PrivateKeys.isPrivateKey(path)) {
      privateKey(input, "`" + input.path() + "` is a private key");
    }
  }

  /**
   * A path a key block names as private, brought in itself or inside an overlay folder; true when
   * there is one.
   */
  private boolean namedPrivateKeys(Input input, Path path) {
    List<String> named = new ArrayList<>();
    for (Map.Entry<Path, Key> e : privateKeys.entrySet()) {
      boolean inside =
          input.kind() == Input.Kind.OVERLAY
              ? e.getKey().startsWith(path)
              : e.getKey().equals(path);
      if (inside) {
        named.add("key `" + e.getValue().name() + "`");
      }
    }
    if (!named.isEmpty()) {
      privateKey(
          input,
          input.kind().description()
              + " `"
              + input.path()
              + "` brings the private key of "
              + String.join(" and ", named)
              + " into the image");
    }
    return !named.isEmpty();
  }

  private void overlayFindings(Input input, Path overlay, OverlayWalk.Findings found) {
    if (!found.special().isEmpty()) {
      bad(
          input,
          "the overlay `"
              + input.path()
              + "` holds "
              + (found.special().size() == 1 ? "a special file: " : "special files: ")
              + shown(overlay, found.special()),
          "a device, FIFO or socket inside");
    }
    if (found.truncated()) {
      bad(
          input,
          "the overlay `"
              + input.path()
              + "` has more than "
              + OverlayWalk.MAX_ENTRIES
              + " entries, too many to check",
          "too large to check");
    }
    if (!found.privateKeys().isEmpty()) {
      privateKey(
          input,
          "the overlay `"
              + input.path()
              + "` holds "
              + (found.privateKeys().size() == 1 ? "a private key: " : "private keys: ")
              + shown(overlay, found.privateKeys()));
    }
    if (!found.modeBits().isEmpty()) {
      diagnostics.add(
          Diagnostic.error(
                  Code.OVERLAY_MODE_BITS,
                  input.span(),
                  "the overlay `"
                      + input.path()
                      + "` holds files with setuid, setgid or world-writable bits: "
                      + shown(overlay, found.modeBits()))
              .label("copied with these bits")
              .note(
                  "files of an overlay belong to root in the image: a setuid file becomes"
                      + " setuid root")
              .help(
                  "clear the bits (`chmod u-s,g-s,o-w FILE`); a program that must be setuid"
                      + " belongs in a package"));
    }
  }

  /** Up to five entries, relative to the overlay, and how many more there are. */
  private static String shown(Path overlay, List<Path> entries) {
    List<String> names = new ArrayList<>();
    for (Path p : entries.subList(0, Math.min(5, entries.size()))) {
      names.add("`" + overlay.relativize(p).toString().replace('\\', '/') + "`");
    }
    String more = entries.size() > 5 ? " and " + (entries.size() - 5) + " more" : "";
    return String.join(", ", names) + more;
  }

  private void bad(Input input, String message, String label) {
    diagnostics.add(
        Diagnostic.error(Code.BAD_INPUT, input.span(), message)
            .label(label)
            .note(
                switch (input.kind()) {
                  case OVERLAY ->
                      "an overlay is a folder of the project; links inside it are copied as links";
                  case OCI_IMAGE ->
                      "the build unpacks the image's layers into the root file system";
                  default -> "the build copies the file's content into the image";
                })
            .help(
                "keep "
                    + input.kind().description()
                    + " inside the project folder as a real "
                    + realKind(input)
                    + " (the spec's folder unless `--project DIR` names a wider one)"));
  }

  private void missing(Input input) {
    diagnostics.add(
        Diagnostic.error(
                Code.MISSING_INPUT,
                input.span(),
                input.kind().description() + " `" + input.path() + "` does not exist")
            .label("not found")
            .note(
                "paths are relative to the spec's folder; `applc build` stops here before it starts")
            .help(
                input.kind() == Input.Kind.OCI_IMAGE
                    ? "copy the image there from the spec's folder, such as with `skopeo copy"
                        + " docker-daemon:IMAGE oci:"
                        + input.path()
                        + ":REF`, or correct the path"
                    : "create "
                        + (input.kind() == Input.Kind.OVERLAY ? "the folder" : "the file")
                        + ", or correct the path"));
  }

  private static String realKind(Input input) {
    return switch (input.kind()) {
      case OVERLAY -> "folder";
      case OCI_IMAGE -> "folder or archive";
      default -> "file";
    };
  }

  private void privateKey(Input input, String message) {
    diagnostics.add(
        Diagnostic.error(Code.PRIVATE_KEY_IN_IMAGE, input.span(), message)
            .label("a private key would be copied into the image")
            .note("anyone who can read the image could sign updates or boot images as you")
            .help(
                "keep keys out of what the image copies: in a folder of their own that no overlay"
                    + " or file source names (`applc keys` writes them to `keys/`)"));
  }
}
