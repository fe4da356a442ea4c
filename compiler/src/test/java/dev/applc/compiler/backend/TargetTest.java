package dev.applc.compiler.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.driver.Compiler;
import dev.applc.compiler.model.OperatingSystem;
import dev.applc.compiler.source.SourceFile;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Tool versions come from the release unless the spec states them. */
class TargetTest {
  private static OperatingSystem os(String release, String tools) {
    String text =
        "applc 1\nboard pc { arch = x86-64; firmware = uefi }\nappliance t {\n"
            + "  version = \"1\"\n  board = pc\n  os debian "
            + release
            + " { "
            + tools
            + " }\n  disk { partition esp { type = esp; size = 512M } }\n}\n";
    var r =
        new Compiler(name -> Optional.ofNullable(Map.<String, String>of().get(name)))
            .compile(new SourceFile("t.appliance", text));
    assertEquals(0, r.diagnostics().size(), () -> r.diagnostics().toString());
    return r.value().orElseThrow().appliances().get(0).os();
  }

  @Test
  void bookwormHasSystemd252Rauc18Mkosi14AndNoSysupdate() {
    Target t = Target.of(os("bookworm", ""));
    assertEquals(252, t.systemd());
    assertEquals("1.8", t.rauc());
    assertEquals(14, t.mkosi());
    assertFalse(t.hasSysupdate());
  }

  @Test
  void trixieHasSystemd257AndSysupdate() {
    Target t = Target.of(os("trixie", ""));
    assertEquals(257, t.systemd());
    assertEquals("1.13", t.rauc());
    assertTrue(t.hasSysupdate());
  }

  @Test
  void theSpecOverridesTheRelease() {
    Target t = Target.of(os("bookworm", "tools { systemd = 256; rauc = \"1.11.3\"; mkosi = 25 }"));
    assertEquals(256, t.systemd());
    assertEquals(1, t.raucMajor());
    assertEquals(11, t.raucMinor());
    assertEquals(25, t.mkosi());
    assertTrue(t.hasSysupdate(), "a stated systemd 256 has sysupdate");
  }
}
