package dev.applc.backends.systemd;

import dev.applc.backends.template.Templates;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Content;
import dev.applc.compiler.model.UpdatePolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code /etc} entries systemd-tmpfiles copies back from {@code /usr/share/factory/etc} when
 * they are missing (a fresh or factory-reset root). tmpfiles' {@code C} copies a whole entry only
 * where nothing exists yet, and skips a line whose factory copy the image lacks, so the list names
 * every top-level entry a systemd appliance may need at boot, plus those the spec itself puts into
 * {@code /etc}.
 */
final class FactoryEtc {
  private FactoryEtc() {}

  /** Where factory defaults live: tmpfiles' default source for {@code C /etc/NAME}. */
  static final String FACTORY = "/usr/share/factory/etc";

  /**
   * Accounts, names and login, the dynamic linker, certificates, and systemd's own configuration:
   * what Debian and Arch keep in /etc and a booting appliance reads.
   */
  static final List<String> CORE =
      List.of(
          "ca-certificates",
          "default",
          "environment",
          "group",
          "gshadow",
          "hostname",
          "hosts",
          "ld.so.cache",
          "ld.so.conf",
          "ld.so.conf.d",
          "locale.conf",
          "localtime",
          "login.defs",
          "modprobe.d",
          "modules-load.d",
          "nsswitch.conf",
          "os-release",
          "pam.d",
          "passwd",
          "profile",
          "profile.d",
          "security",
          "shadow",
          "shells",
          "ssl",
          "subgid",
          "subuid",
          "sysctl.d",
          "systemd",
          "tmpfiles.d",
          "udev",
          "vconsole.conf");

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.@+:,=-]+");

  /**
   * The entries of /etc to restore, sorted: the core ones, the spec's own files there, and the
   * configuration this compile writes or the update tools need.
   */
  static Set<String> entries(Appliance a, boolean fstab, boolean crypttab) {
    Set<String> out = new TreeSet<>(CORE);
    for (Content.InlineFile f : a.os().content().files()) {
      topLevel(f.path()).ifPresent(out::add);
    }
    if (fstab) {
      out.add("fstab");
    }
    if (crypttab) {
      out.add("crypttab");
    }
    if (a.update().map(u -> u.method() == UpdatePolicy.Method.RAUC).orElse(false)) {
      out.add("rauc");
      if (a.board().ubootEnv().isPresent()) {
        out.add("fw_env.config");
      }
    }
    if (a.os().enable().stream()
        .anyMatch(u -> u.equals("ssh.service") || u.equals("sshd.service"))) {
      out.add("ssh");
    }
    return out;
  }

  private static Optional<String> topLevel(String path) {
    if (!path.startsWith("/etc/")) {
      return Optional.empty();
    }
    String rest = path.substring("/etc/".length());
    int slash = rest.indexOf('/');
    String entry = slash < 0 ? rest : rest.substring(0, slash);
    return entry.isEmpty() ? Optional.empty() : Optional.of(entry);
  }

  /**
   * An /etc path as tmpfiles reads it: specifiers escaped; quoted, with C escapes, when it has
   * characters other than plain ones.
   */
  static String path(String entry) {
    String p = "/etc/" + entry.replace("%", "%%");
    if (PLAIN.matcher(entry).matches()) {
      return p;
    }
    return "\"" + p.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** The tmpfiles configuration, when the appliance keeps a factory /etc. */
  static void write(BackendContext ctx, boolean fstab, boolean crypttab) {
    Appliance a = ctx.appliance();
    if (!a.os().factoryEtc()) {
      return;
    }
    List<String> paths = new ArrayList<>();
    for (String e : entries(a, fstab, crypttab)) {
      paths.add(path(e));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("appliance", a.name());
    m.put("factory", FACTORY);
    m.put("entries", paths);
    ctx.out()
        .add(
            SystemdBackend.TMPFILES_DIR + "/" + a.name() + "-factory-etc.conf",
            Templates.render("systemd/factory-etc.conf.ftl", m),
            OutputTree.MODE_FILE,
            List.of(a.os().origin().at("factory-etc")));
  }
}
