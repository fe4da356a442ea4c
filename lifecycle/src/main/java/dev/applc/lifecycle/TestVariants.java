package dev.applc.lifecycle;

import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Content;
import dev.applc.compiler.model.Origin;
import dev.applc.compiler.model.Profile;
import dev.applc.compiler.sema.Profiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The three versions `applc test` builds from one spec: N (the spec's version), N+1, and a broken
 * N+2 whose health check ({@code rollback { good-when }}) fails. Each gets the test agent, the only
 * difference from what `applc build` makes of the spec: a script and a unit that answer the host on
 * a virtio-serial port.
 */
public final class TestVariants {
  private TestVariants() {}

  /** Where the agent is in a test image. */
  static final String AGENT = "/usr/lib/applc-test/agent";

  static final String AGENT_UNIT = "applc-test-agent.service";

  /** The version a variant gets: N is the spec's, then N.1 and N.2, which sort after it. */
  public static String version(Appliance a, int step) {
    return step == 0 ? a.version() : a.version() + "." + step;
  }

  /** The spec's appliance as version N+{@code step}, with the agent; broken if asked. */
  public static Appliance of(Appliance a, int step, boolean broken) {
    Origin origin = a.origin();
    List<Content.InlineFile> files = new ArrayList<>();
    files.add(
        new Content.InlineFile(
            AGENT,
            Optional.of(resource("agent.sh")),
            Optional.empty(),
            "0755",
            "root",
            "root",
            origin));
    files.add(
        new Content.InlineFile(
            "/usr/lib/systemd/system/" + AGENT_UNIT,
            Optional.of(resource("agent.service")),
            Optional.empty(),
            "0644",
            "root",
            "root",
            origin));
    if (broken) {
      String unit = healthUnit(a).orElseThrow();
      files.add(
          new Content.InlineFile(
              "/usr/lib/systemd/system/" + unit + ".d/90-applc-test-fault.conf",
              Optional.of(resource("fault.conf")),
              Optional.empty(),
              "0644",
              "root",
              "root",
              origin));
    }
    Profile test =
        new Profile(
            "applc-test",
            false,
            Optional.empty(),
            List.of(),
            List.of(AGENT_UNIT),
            List.of(),
            List.of(),
            List.of(),
            new Content(files, List.of(), List.of()),
            origin);
    Appliance withAgent = Profiles.apply(a, test);
    return new Appliance(
        withAgent.name(),
        version(a, step),
        withAgent.compatible(),
        withAgent.hostname(),
        withAgent.description(),
        withAgent.board(),
        withAgent.os(),
        withAgent.boot(),
        withAgent.disk(),
        withAgent.session(),
        withAgent.lockdown(),
        withAgent.profiles(),
        withAgent.sysexts(),
        withAgent.update(),
        withAgent.build(),
        withAgent.keys(),
        withAgent.origin());
  }

  /** The service whose failure makes a boot bad: the spec's good-when, if it is a service. */
  public static Optional<String> healthUnit(Appliance a) {
    return a.update()
        .flatMap(u -> u.rollback().goodWhen())
        .filter(unit -> unit.endsWith(".service"));
  }

  static String resource(String name) {
    try (InputStream in = TestVariants.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
