package dev.applc.lifecycle;

import dev.applc.backends.phases.PhaseKeys;
import dev.applc.backends.rauc.RaucBackend;
import dev.applc.backends.systemd.MarkGood;
import dev.applc.compiler.backend.OutputFile;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.UpdatePolicy;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One mechanism of the lifecycle broken on purpose ({@code applc test --break NAME}), and the
 * scenario that must then fail: the proof that each scenario's checks can fail. A fault changes
 * what the backends generated for one version, as a bug in applc or in a spec would, or the
 * device's state just before its scenario. The scenarios before it must still pass.
 *
 * <p>No fault breaks the power cut: what keeps a cut install harmless is the updater's own order
 * (RAUC marks the slot it writes bad first and makes it primary last; systemd-sysupdate writes into
 * an {@code _empty} or old partition and names it, and the UKI, only at the end), which nothing
 * applc generates can change.
 */
public enum Fault {
  FAILED_UNIT("failed-unit", "first boot", "a unit of version N fails at every boot") {
    @Override
    OutputTree patch(OutputTree tree, Appliance a, int step) {
      if (step != 0) {
        return tree;
      }
      OutputTree out = copy(tree, Fault::same);
      out.add(UNITS + FAILING, TestVariants.resource("failing.service"), 0644, List.of());
      return enabled(out, FAILING);
    }
  },
  MARK_GOOD("mark-good", "update", "the unit that marks a good boot of version N+1 does nothing") {
    @Override
    OutputTree patch(OutputTree tree, Appliance a, int step) {
      if (step != 1) {
        return tree;
      }
      OutputTree out = copy(tree, Fault::same);
      String unit = MarkGood.unit(a.update().orElseThrow().method());
      out.add(
          UNITS + unit + ".d/90-applc-test-fault.conf",
          TestVariants.resource("mark-good-fault.conf"),
          0644,
          List.of());
      return out;
    }
  },
  KEYRING("keyring", "refusal", "the device trusts the key that signed the foreign update") {
    @Override
    Optional<String> beforeScenario(Appliance a) {
      return Optional.of(
          rauc(a)
              ? "mount --bind "
                  + UpdateArtifacts.IN_GUEST
                  + UpdateArtifacts.FOREIGN_CERT
                  + " "
                  + RaucBackend.KEYRING
                  + " && systemctl try-restart rauc.service"
              : "mount --bind "
                  + UpdateArtifacts.IN_GUEST
                  + SysupdateArtifacts.FOREIGN_KEYRING
                  + " "
                  + PhaseKeys.SYSUPDATE_KEYRING);
    }
  },
  HEALTH_REBOOT(
      "health-reboot",
      "rollback",
      "a failed health check of the broken version N+2 no longer reboots the device") {
    @Override
    OutputTree patch(OutputTree tree, Appliance a, int step) {
      if (step != 2) {
        return tree;
      }
      return copy(
          tree,
          f ->
              f.path().startsWith("rootfs" + UNIT_DIR)
                  ? replaced(f, "(FailureAction|StartLimitAction)=reboot", "$1=none")
                  : f);
    }
  },
  VERITY_RESTART(
      "verity-restart",
      "tampered root",
      "dm-verity of the version whose root is tampered with no longer restarts on corruption") {
    @Override
    OutputTree patch(OutputTree tree, Appliance a, int step) {
      // RAUC: the power cut installs N+1 into slot A, whose root is then changed; sysupdate: N+3.
      if (step != (rauc(a) ? 1 : 3)) {
        return tree;
      }
      return copy(
          tree,
          f ->
              f.path().startsWith("kernel/cmdline")
                  ? replaced(f, VERITY_OPTIONS.pattern(), "")
                  : f);
    }
  };

  private static final String UNIT_DIR = "/usr/lib/systemd/system/";
  private static final String UNITS = "rootfs" + UNIT_DIR;
  private static final String FAILING = "applc-test-failing.service";
  private static final Pattern VERITY_OPTIONS =
      Pattern.compile(" systemd\\.verity_(root|usr)_options=[^ \\n]*");

  private final String id;
  private final String scenario;
  private final String what;

  Fault(String id, String scenario, String what) {
    this.id = id;
    this.scenario = scenario;
    this.what = what;
  }

  /** The name `applc test --break` takes. */
  public String id() {
    return id;
  }

  /** The scenario that must fail. */
  public String scenario() {
    return scenario;
  }

  /** What is broken, in a user's words. */
  public String what() {
    return what;
  }

  /** The fault of that name. */
  public static Optional<Fault> named(String id) {
    return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
  }

  /** Every fault's name, for help and errors. */
  public static String names() {
    return Arrays.stream(values()).map(Fault::id).collect(Collectors.joining(", "));
  }

  /** What the backends generated for version N+{@code step}, with this fault when it is there. */
  OutputTree patch(OutputTree tree, Appliance a, int step) {
    return tree;
  }

  /** A command the guest runs just before {@link #scenario}, when the fault is the device's. */
  Optional<String> beforeScenario(Appliance a) {
    return Optional.empty();
  }

  private static boolean rauc(Appliance a) {
    return a.update().orElseThrow().method() == UpdatePolicy.Method.RAUC;
  }

  private static OutputFile same(OutputFile f) {
    return f;
  }

  /** A copy of {@code tree} with each file as {@code change} returns it. */
  private static OutputTree copy(
      OutputTree tree, java.util.function.UnaryOperator<OutputFile> change) {
    OutputTree out = new OutputTree();
    for (OutputFile f : tree.files()) {
      OutputFile g = change.apply(f);
      out.add(g.path(), g.content(), g.mode(), g.origins());
    }
    return out;
  }

  private static OutputFile replaced(OutputFile f, String regex, String replacement) {
    String text = f.text().replaceAll(regex, replacement);
    return new OutputFile(f.path(), text.getBytes(StandardCharsets.UTF_8), f.mode(), f.origins());
  }

  /** {@code tree} with {@code unit} enabled: in the build's list, and in the presets. */
  private static OutputTree enabled(OutputTree tree, String unit) {
    return copy(
        tree,
        f -> {
          if (f.path().equals("build/systemd/enable.list")) {
            return replaced(f, "\\z", unit + "\n");
          }
          if (f.path().startsWith("rootfs/usr/lib/systemd/system-preset/")) {
            return replaced(f, "\\z", "enable " + unit + "\n");
          }
          return f;
        });
  }
}
