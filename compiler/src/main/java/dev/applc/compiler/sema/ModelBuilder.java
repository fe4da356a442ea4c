package dev.applc.compiler.sema;

import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.diag.Diagnostics;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Arch;
import dev.applc.compiler.model.Board;
import dev.applc.compiler.model.Boot;
import dev.applc.compiler.model.BuildSettings;
import dev.applc.compiler.model.Content;
import dev.applc.compiler.model.Disk;
import dev.applc.compiler.model.Key;
import dev.applc.compiler.model.Lockdown;
import dev.applc.compiler.model.OciImage;
import dev.applc.compiler.model.OperatingSystem;
import dev.applc.compiler.model.Partition;
import dev.applc.compiler.model.Profile;
import dev.applc.compiler.model.Session;
import dev.applc.compiler.model.Sysext;
import dev.applc.compiler.model.UpdatePolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a checked, merged {@code appliance} node into the immutable {@link Appliance} model:
 * resolves references, applies defaults, expands the disk.
 */
public final class ModelBuilder {
  /**
   * The longest appliance name: it names the image's files ({@code NAME_VERSION.raw} and more), and
   * with the version (at most 64 too) and suffixes it must stay below the 255 bytes a file name may
   * have.
   */
  public static final int MAX_NAME_LENGTH = 64;

  private final Program program;
  private final Diagnostics diagnostics;

  public ModelBuilder(Program program, Diagnostics diagnostics) {
    this.program = program;
    this.diagnostics = diagnostics;
  }

  /** The model, or empty when something it cannot do without (the board) is missing. */
  public Optional<Appliance> build(Node a) {
    Optional<Board> board = board(a);
    if (board.isEmpty()) {
      return Optional.empty();
    }
    Node osNode = a.child("os").orElse(null);
    Node diskNode = a.child("disk").orElse(null);
    if (osNode == null || diskNode == null || osNode.labels().size() < 2) {
      return Optional.empty(); // reported as missing or malformed by the checker
    }
    List<Key> keys = new ArrayList<>();
    for (Node k : a.children("key")) {
      keys.add(key(k));
    }
    Disk disk = new DiskBuilder(diagnostics, board.get()).build(diskNode);
    String name = a.name();
    if (name.length() > MAX_NAME_LENGTH) {
      diagnostics.add(
          Diagnostic.error(
                  Code.UNSAFE_STRING,
                  a.header(),
                  "the appliance's name is "
                      + name.length()
                      + " characters long; at most "
                      + MAX_NAME_LENGTH
                      + " fit")
              .label("too long")
              .note("the name becomes the image's file names, which the file system limits")
              .help("shorten the name to " + MAX_NAME_LENGTH + " characters or fewer"));
    } else if (a.value("hostname").isEmpty() && !Hostnames.isValid(name)) {
      diagnostics.add(
          Diagnostic.error(
                  Code.WRONG_TYPE,
                  a.header(),
                  "the appliance's name `"
                      + name
                      + "` is not a host name, and `hostname` is not set")
              .label("the default host name")
              .help(
                  "set `hostname` to letters, digits and hyphens, such as `hostname = \"kiosk-01\"`"));
    }
    return Optional.of(
        new Appliance(
            name,
            Props.text(a, "version", "0"),
            Props.text(a, "compatible"),
            Props.text(a, "hostname", name),
            Props.text(a, "description"),
            board.get(),
            os(osNode),
            boot(a),
            disk,
            a.child("session").map(s -> session(s, name)),
            a.child("lockdown").map(ModelBuilder::lockdown).orElse(Lockdown.NONE),
            a.children("profile").stream().map(ModelBuilder::profile).toList(),
            a.children("sysext").stream()
                .map(s -> sysext(s, Props.text(a, "version", "0")))
                .toList(),
            a.child("update").map(ModelBuilder::update),
            build(a.child("build"), a),
            keys,
            Props.origin(a)));
  }

  private Optional<Board> board(Node a) {
    Optional<Val> ref = a.value("board");
    if (ref.isEmpty()) {
      return Optional.empty();
    }
    Val.Sym sym = (Val.Sym) ref.get();
    Optional<Node> node = program.lookup("board", sym.name());
    if (node.isEmpty()) {
      undefined(sym, "board");
      return Optional.empty();
    }
    Node b = node.get();
    Optional<Arch> arch = Props.text(b, "arch").flatMap(Arch::byId);
    Optional<String> firmware = Props.text(b, "firmware");
    if (arch.isEmpty() || firmware.isEmpty()) {
      return Optional.empty(); // reported as missing
    }
    String storage = Props.text(b, "storage", "/dev/sda");
    Optional<Board.UbootEnv> env =
        b.child("uboot-env")
            .flatMap(
                e -> {
                  Optional<Long> offset = Props.bytes(e, "offset");
                  Optional<Long> size = Props.bytes(e, "size");
                  if (offset.isEmpty() || size.isEmpty()) {
                    return Optional.empty();
                  }
                  return Optional.of(
                      new Board.UbootEnv(
                          Props.text(e, "device", storage),
                          offset.get(),
                          Props.bytes(e, "redundant-offset"),
                          size.get(),
                          Props.bytes(e, "erase-size").orElse(size.get()),
                          Props.origin(e)));
                });
    return Optional.of(
        new Board(
            b.name(),
            arch.get(),
            Board.Firmware.valueOf(firmware.get().replace('-', '_').toUpperCase(Locale.ROOT)),
            Props.text(b, "family", "generic").equals("raspberry-pi")
                ? Board.Family.RASPBERRY_PI
                : Board.Family.GENERIC,
            Props.text(b, "console"),
            Props.text(b, "device-tree"),
            storage,
            env,
            Props.origin(b)));
  }

  /** Reports a reference to a name that no declaration of the kind has. */
  void undefined(Val.Sym sym, String kind) {
    Diagnostic.Builder d =
        Diagnostic.error(
                Code.UNDEFINED_REFERENCE,
                sym.span(),
                "there is no `" + kind + "` named `" + sym.name() + "`")
            .label("undefined " + kind);
    Optional<String> near =
        Suggest.closest(
            sym.name(), program.declarations().getOrDefault(kind, java.util.Map.of()).keySet());
    if (near.isPresent()) {
      d.help("did you mean `" + near.get() + "`?")
          .fix("use `" + near.get() + "`", sym.span(), near.get());
    } else {
      d.help(
          "define it with `"
              + kind
              + " "
              + sym.name()
              + " { ... }`, or import the file that"
              + " does (the standard library's are listed in docs/stdlib.md)");
    }
    diagnostics.add(d);
  }

  private OperatingSystem os(Node n) {
    LinkedHashSet<String> packages = new LinkedHashSet<>(Props.texts(n, "packages"));
    for (Val v : Props.items(n, "package-sets")) {
      Val.Sym sym = (Val.Sym) v;
      Optional<Node> set = program.lookup("package-set", sym.name());
      if (set.isEmpty()) {
        undefined(sym, "package-set");
      } else {
        packages.addAll(Props.texts(set.get(), "packages"));
      }
    }
    Content content = content(n);
    Optional<OciImage> oci =
        Props.call(n, "source")
            .flatMap(c -> Props.textOf(c.arguments().get(0)))
            .map(OciImage::parse);
    String distribution = Props.textOf(n.labels().get(0)).orElse("debian");
    return new OperatingSystem(
        OperatingSystem.Distribution.valueOf(distribution.toUpperCase(Locale.ROOT)),
        Props.textOf(n.labels().get(1)).orElse(""),
        Props.text(n, "mirror"),
        oci,
        List.copyOf(packages),
        Props.texts(n, "remove-packages"),
        Props.texts(n, "strip"),
        Props.texts(n, "firmware-keep"),
        Props.texts(n, "overlays"),
        Props.texts(n, "post-install"),
        Props.text(n, "init", "systemd").equals("sysvinit")
            ? OperatingSystem.InitSystem.SYSVINIT
            : OperatingSystem.InitSystem.SYSTEMD,
        Props.text(n, "root", "disk").equals("initrd")
            ? OperatingSystem.Root.INITRD
            : OperatingSystem.Root.DISK,
        Props.bool(n, "factory-etc", false),
        InstalledUnits.enabled(Props.texts(n, "enable"), content.units()),
        Props.texts(n, "mask"),
        Props.text(n, "default-target", "multi-user.target"),
        content,
        tools(n),
        Props.origin(n));
  }

  private static OperatingSystem.ToolVersions tools(Node os) {
    return os.child("tools")
        .map(
            t ->
                new OperatingSystem.ToolVersions(
                    Props.integer(t, "systemd").map(Long::intValue),
                    Props.text(t, "rauc"),
                    Props.integer(t, "mkosi").map(Long::intValue)))
        .orElse(OperatingSystem.ToolVersions.RELEASE);
  }

  static Content content(Node n) {
    List<Content.InlineFile> files = new ArrayList<>();
    for (Node f : n.children("file")) {
      files.add(
          new Content.InlineFile(
              f.name(),
              Props.text(f, "content"),
              Props.text(f, "source"),
              normalizeMode(Props.text(f, "mode", "0644")),
              Props.text(f, "owner", "root"),
              Props.text(f, "group", "root"),
              Props.origin(f)));
    }
    List<Content.User> users = new ArrayList<>();
    for (Node u : n.children("user")) {
      users.add(
          new Content.User(
              u.name(),
              Props.integer(u, "uid"),
              Props.texts(u, "groups"),
              Props.text(u, "shell", "/usr/sbin/nologin"),
              Props.text(u, "home", "/home/" + u.name()),
              Props.bool(u, "system", false),
              Props.origin(u)));
    }
    List<Content.UnitDefinition> units = new ArrayList<>();
    for (Node u : n.children("unit")) {
      units.add(
          new Content.UnitDefinition(
              u.name(),
              Props.text(u, "content"),
              Props.text(u, "description"),
              Props.texts(u, "after"),
              Props.texts(u, "before"),
              Props.texts(u, "wants"),
              Props.texts(u, "requires"),
              Props.texts(u, "wanted-by"),
              Props.text(u, "type", "simple"),
              Props.text(u, "exec"),
              Props.texts(u, "exec-pre"),
              Props.text(u, "user"),
              Props.text(u, "restart", "no"),
              Props.millis(u, "restart-sec"),
              Props.texts(u, "environment"),
              Props.bool(u, "remain-after-exit", false),
              Props.text(u, "standard-output", "journal"),
              Props.origin(u)));
    }
    return new Content(files, users, units);
  }

  private static String normalizeMode(String mode) {
    return mode.length() == 3 ? "0" + mode : mode;
  }

  private static Boot boot(Node a) {
    Node k = a.child("kernel").orElse(null);
    Boot.Kernel kernel =
        k == null
            ? new Boot.Kernel(
                Optional.empty(),
                Optional.empty(),
                List.of(),
                List.of(),
                List.of(),
                Props.origin(a))
            : new Boot.Kernel(
                Props.text(k, "package"),
                Props.text(k, "image"),
                Props.texts(k, "config"),
                Props.texts(k, "cmdline"),
                Props.texts(k, "modules"),
                Props.origin(k));
    Node i = a.child("initrd").orElse(null);
    Boot.Initrd initrd =
        i == null
            ? new Boot.Initrd(Optional.empty(), Optional.empty(), false, List.of(), Props.origin(a))
            : new Boot.Initrd(
                Props.text(i, "generator"),
                Props.text(i, "init"),
                Props.bool(i, "shell", false),
                Props.texts(i, "modules"),
                Props.origin(i));
    Optional<Boot.Uki> uki =
        a.child("uki")
            .map(
                u ->
                    new Boot.Uki(
                        Props.text(u, "sign"),
                        Props.text(u, "bootloader", "systemd-boot"),
                        Props.bool(u, "boot-counting", false),
                        Props.origin(u)));
    return new Boot(kernel, initrd, uki);
  }

  private static Session session(Node s, String appliance) {
    return new Session(
        Props.text(s, "user", "root"),
        Props.text(s, "exec", ""),
        Props.integer(s, "tty").orElse(1L).intValue(),
        Props.text(s, "unit", appliance + "-session.service"),
        Props.texts(s, "after"),
        Props.texts(s, "wants"),
        Props.texts(s, "environment"),
        Props.text(s, "restart", "on-failure"),
        Props.text(s, "target", "graphical.target"),
        Props.origin(s));
  }

  private static Lockdown lockdown(Node l) {
    Optional<Val> g = l.value("gettys");
    String mode = "default";
    List<String> ttys = List.of();
    if (g.isPresent() && g.get() instanceof Val.Items) {
      mode = "list";
      ttys = Props.texts(l, "gettys");
    } else if (g.isPresent()) {
      mode = Props.textOf(g.get()).orElse("default");
    }
    return new Lockdown(
        mode,
        ttys,
        Props.bool(l, "ctrl-alt-del", true),
        Props.bool(l, "emergency-shell", true),
        Props.bool(l, "sysrq", true));
  }

  private static Profile profile(Node p) {
    Optional<String> getty = Props.text(p, "getty").filter(t -> !t.equals("none"));
    return new Profile(
        p.name(),
        Props.bool(p, "ssh", false),
        getty,
        Props.texts(p, "packages"),
        Props.texts(p, "enable"),
        Props.texts(p, "unmask"),
        Props.texts(p, "overlays"),
        Props.texts(p, "cmdline"),
        content(p),
        Props.origin(p));
  }

  private static Sysext sysext(Node s, String applianceVersion) {
    return new Sysext(
        s.name(),
        Props.texts(s, "packages"),
        Props.texts(s, "overlays"),
        Props.text(s, "format", "squashfs").equals("erofs")
            ? Partition.Filesystem.EROFS
            : Partition.Filesystem.SQUASHFS,
        Props.text(s, "version", applianceVersion),
        Props.bool(s, "verity", false),
        Props.origin(s));
  }

  private static UpdatePolicy update(Node u) {
    String method =
        Props.textOf(u.labels().isEmpty() ? new Val.Sym("rauc", u.header()) : u.labels().get(0))
            .orElse("rauc");
    Optional<Val> keyring = u.value("keyring");
    Optional<String> keyringKey = keyring.filter(v -> v instanceof Val.Sym).flatMap(Props::textOf);
    Optional<String> keyringPath = keyring.filter(v -> v instanceof Val.Str).flatMap(Props::textOf);
    Node r = u.child("rollback").orElse(null);
    UpdatePolicy.Rollback rollback =
        r == null
            ? new UpdatePolicy.Rollback(3, Optional.empty(), Props.origin(u))
            : new UpdatePolicy.Rollback(
                Props.integer(r, "tries").orElse(3L).intValue(),
                Props.text(r, "good-when"),
                Props.origin(r));
    return new UpdatePolicy(
        method.equals("sysupdate") ? UpdatePolicy.Method.SYSUPDATE : UpdatePolicy.Method.RAUC,
        Props.text(u, "source"),
        Props.text(u, "compatible"),
        Props.text(u, "bundle", "verity"),
        keyringKey,
        keyringPath,
        Props.text(u, "signing-key"),
        Props.text(u, "delta", "off"),
        Props.millis(u, "check-interval"),
        Props.text(u, "reboot", "manual").equals("auto"),
        Props.integer(u, "max-version-length").orElse(16L).intValue(),
        rollback,
        Props.origin(u));
  }

  private BuildSettings build(Optional<Node> b, Node appliance) {
    String name = appliance.name();
    if (b.isEmpty()) {
      return new BuildSettings(
          true,
          Optional.empty(),
          true,
          List.of("disk"),
          "zstd",
          name,
          Optional.empty(),
          new dev.applc.compiler.model.Origin(
              appliance.header(), appliance.header(), java.util.Map.of()));
    }
    Node n = b.get();
    Optional<Val> date = n.value("source-date");
    Optional<Long> epoch = Optional.empty();
    boolean fromGit = true;
    if (date.isPresent() && date.get() instanceof Val.Int i) {
      epoch = Optional.of(i.value());
      fromGit = false;
    } else if (date.isPresent() && date.get() instanceof Val.Str s) {
      fromGit = false;
      try {
        epoch =
            Optional.of(
                java.time.LocalDate.parse(s.value())
                    .atStartOfDay(java.time.ZoneOffset.UTC)
                    .toEpochSecond());
        if (!SourceDates.inRange(epoch.get())) {
          diagnostics.add(
              Diagnostic.error(
                      Code.WRONG_TYPE,
                      s.span(),
                      "`source-date` must lie between 1970-01-01 and 2106-02-07: `"
                          + s.value()
                          + "`")
                  .label("out of range")
                  .help(
                      "the image's file systems store times as unsigned 32-bit seconds; use a"
                          + " date in that range, or `git`"));
          epoch = Optional.empty();
        }
      } catch (java.time.DateTimeException e) {
        diagnostics.add(
            Diagnostic.error(
                    Code.WRONG_TYPE, s.span(), "`source-date` is not a date: `" + s.value() + "`")
                .label("not YYYY-MM-DD")
                .help("write the date as \"2024-01-31\", seconds since 1970, or `git`"));
      }
    }
    List<String> formats = Props.texts(n, "formats");
    return new BuildSettings(
        Props.bool(n, "reproducible", true),
        epoch,
        fromGit,
        formats.isEmpty() ? List.of("disk") : formats,
        Props.text(n, "compression", "zstd"),
        Props.text(n, "image-id", name),
        Props.bytes(n, "max-size"),
        Props.origin(n));
  }

  private Key key(Node k) {
    Optional<String> path = Props.text(k, "path");
    Optional<String> priv = Props.text(k, "private-key").or(() -> path.map(p -> p + ".key"));
    Optional<String> cert = Props.text(k, "certificate").or(() -> path.map(p -> p + ".crt"));
    boolean written =
        k.written().contains("path")
            || k.written().contains("private-key")
            || k.written().contains("certificate");
    if (!written) {
      diagnostics.add(
          Diagnostic.error(
                  Code.MISSING_REQUIRED, k.header(), "`key " + k.name() + "` names no" + " files")
              .label("no `path`, `private-key` or `certificate`")
              .help(
                  "add `path = \"keys/"
                      + k.name()
                      + "\"` for keys/"
                      + k.name()
                      + ".key and"
                      + " keys/"
                      + k.name()
                      + ".crt"));
    }
    return new Key(k.name(), priv, cert, Props.origin(k));
  }
}
