package dev.applc.compiler.sema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.model.Appliance;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A profile adds to the base appliance and opens what it says it opens. */
class ProfilesTest {

  @Test
  void devProfileOpensSshAndAGettyThroughTheLockdown() {
    Appliance base =
        TestSpecs.model(
            TestSpecs.appliance(
                "partition esp { type = esp; size = 256M }",
                """
                lockdown { gettys = none; ctrl-alt-del = off }
                profile dev { ssh = on; getty = tty2; packages = [strace]; cmdline = ["debug"] }
                """));
    Appliance dev = Profiles.apply(base, base.profile("dev").orElseThrow());
    assertTrue(dev.os().packages().containsAll(List.of("strace", "openssh-server")));
    assertTrue(dev.os().enable().containsAll(List.of("ssh.service", "getty@tty2.service")));
    assertEquals("list", dev.lockdown().gettys());
    assertEquals(List.of("tty2"), dev.lockdown().ttys());
    assertEquals(List.of("debug"), dev.boot().kernel().cmdline());
    assertEquals("none", base.lockdown().gettys(), "the base is unchanged");
  }

  @Test
  void aProfileUnitWithWantedByIsEnabledAsSystemctlEnableWould() {
    Appliance base =
        TestSpecs.model(
            TestSpecs.appliance(
                "partition esp { type = esp; size = 256M }",
                """
                profile dev {
                  unit probe.service { exec = "/usr/bin/probe"; wanted-by = [multi-user.target] }
                  unit helper.service { exec = "/usr/bin/helper" }
                }
                """));
    Appliance dev = Profiles.apply(base, base.profile("dev").orElseThrow());
    assertEquals(List.of("probe.service"), dev.os().enable());
    assertEquals(List.of(), base.os().enable(), "the base is unchanged");
  }

  @Test
  void aBaseUnitWithWantedByIsEnabledAfterTheEnableList() {
    Appliance a =
        TestSpecs.model(
            """
            applc 1
            import "boards.appliance"
            appliance t {
              version = "1.0"
              board = pc
              os debian bookworm {
                enable = [ssh.service]
                unit app.service { exec = "/usr/bin/app"; wanted-by = [multi-user.target] }
                unit ssh.service { exec = "/usr/sbin/sshd"; wanted-by = [multi-user.target] }
              }
              disk { partition esp { type = esp; size = 256M } }
            }
            """);
    assertEquals(List.of("ssh.service", "app.service"), a.os().enable());
  }
}
