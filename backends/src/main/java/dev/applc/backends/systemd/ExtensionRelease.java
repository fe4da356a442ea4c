package dev.applc.backends.systemd;

import dev.applc.backends.template.Templates;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.diag.Code;
import dev.applc.compiler.diag.Diagnostic;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.OperatingSystem;
import dev.applc.compiler.model.Sysext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code extension-release.NAME} file a system extension must carry for systemd-sysext to merge
 * it. systemd-sysext compares it with the host's os-release: {@code ID=} must match (or be {@code
 * _any}), then {@code SYSEXT_LEVEL=} if both set one, else {@code VERSION_ID=} when the host has
 * one. The host is the appliance's distribution release, so the extension names that release; a
 * rolling release (Arch, Debian testing) has no version, and only {@code ID=} is compared.
 */
final class ExtensionRelease {
  private ExtensionRelease() {}

  /** The first systemd with systemd-sysext. */
  static final int SYSEXT_SINCE = 248;

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]+");

  /** The fields, in the order they are written. */
  static Map<String, String> fields(Appliance a, Sysext s) {
    Map<String, String> m = new LinkedHashMap<>();
    OperatingSystem os = a.os();
    if (os.distribution() == OperatingSystem.Distribution.ALPINE) {
      m.put("ID", "_any"); // Alpine's VERSION_ID carries the point release, unknown here
    } else {
      m.put("ID", os.distribution().id());
      versionId(os).ifPresent(v -> m.put("VERSION_ID", v));
    }
    m.put("ARCHITECTURE", a.board().arch().id());
    m.put("SYSEXT_ID", s.name());
    m.put("SYSEXT_VERSION_ID", s.version());
    Map<String, String> quoted = new LinkedHashMap<>();
    m.forEach((k, v) -> quoted.put(k, value(v)));
    return quoted;
  }

  /** The host's {@code VERSION_ID} for a release, where the release has one. */
  static Optional<String> versionId(OperatingSystem os) {
    if (os.distribution() != OperatingSystem.Distribution.DEBIAN) {
      return Optional.empty();
    }
    return switch (os.release()) {
      case "bullseye" -> Optional.of("11");
      case "bookworm", "stable" -> Optional.of("12");
      case "trixie" -> Optional.of("13");
      case "forky" -> Optional.of("14");
      default -> Optional.empty(); // testing, sid, unstable
    };
  }

  /** An os-release value: plain, or double-quoted with shell escapes. */
  static String value(String v) {
    if (PLAIN.matcher(v).matches()) {
      return v;
    }
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if ("\"\\$`".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
  }

  /** The extension's release file, in the tree the build makes the extension image from. */
  static void write(BackendContext ctx, Sysext s) {
    Appliance a = ctx.appliance();
    if (ctx.target().systemd() < SYSEXT_SINCE) {
      ctx.diagnostics()
          .add(
              Diagnostic.error(
                      Code.TARGET_UNSUPPORTED,
                      s.origin().header(),
                      "systemd " + ctx.target().systemd() + " has no systemd-sysext")
                  .label("a system extension")
                  .note("systemd-sysext arrived in systemd " + SYSEXT_SINCE)
                  .help("target a release with a newer systemd, such as bookworm"));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("appliance", a.name());
    m.put("name", s.name());
    m.put("fields", fields(a, s));
    ctx.out()
        .add(
            SystemdBackend.SYSEXT_DIR
                + "/"
                + s.name()
                + "/usr/lib/extension-release.d/extension-release."
                + s.name(),
            Templates.render("systemd/extension-release.ftl", m),
            OutputTree.MODE_FILE,
            List.of(s.origin().span()));
  }
}
