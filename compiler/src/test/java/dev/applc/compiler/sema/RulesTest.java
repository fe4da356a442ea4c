package dev.applc.compiler.sema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole-appliance rules, each with the code and place it reports. */
class RulesTest {

  private static List<String> codes(String disk, String extra) {
    return TestSpecs.codes(TestSpecs.compile(TestSpecs.appliance(disk, extra)));
  }

  @Test
  void partitionsMustFit() {
    assertEquals(
        List.of("APL0200 8:12"),
        codes("    size = 1G\n    partition esp { type = esp; size = 1G }", ""));
  }

  @Test
  void slotsMustBeSymmetric() {
    assertEquals(
        List.of("APL0201 11:40"),
        codes(
            """
                partition esp { type = esp; size = 256M }
                slots [a, b] {
                  partition root { type = root; size = 1G }
                  slot b { partition root { size = 2G } }
                }
            """,
            ""));
  }

  @Test
  void labelsLeaveRoomForTheSysupdateVersion() {
    assertEquals(
        List.of("APL0203 10:54", "APL0510 14:29"),
        codes(
            """
                partition esp { type = esp; size = 256M }
                slots [a, b] {
                  partition usr { type = usr; size = 1G; label = "a-rather-long-usr-label-{slot}" }
                }
            """,
            "update sysupdate { source = \"https://example.com/\" }"));
  }

  @Test
  void signedVerityNeedsAKey() {
    assertEquals(
        List.of("APL0208 10:71"),
        codes(
            """
                partition esp { type = esp; size = 256M }
                slots [a, b] {
                  partition usr { type = usr; size = 1G; format = erofs; verity = signed }
                }
            """,
            ""));
  }

  @Test
  void undefinedKeyIsReportedWithTheNearestName() {
    var r =
        TestSpecs.compile(
            TestSpecs.appliance(
                """
                    partition esp { type = esp; size = 256M }
                    slots [a, b] {
                      partition usr { type = usr; size = 1G; verity = signed(verty) }
                    }
                """,
                "key verity { path = \"keys/verity\" }"));
    assertEquals(List.of("APL0107 10:62"), TestSpecs.codes(r));
    assertEquals("did you mean `verity`?", r.diagnostics().get(0).help().orElseThrow());
  }

  @Test
  void uefiNeedsAnEsp() {
    assertEquals(
        List.of("APL0300 7:3"), codes("partition data { type = linux-generic; size = 1G }", ""));
  }

  @Test
  void typeForAnotherArchitecture() {
    assertEquals(
        List.of("APL0205 9:26"),
        codes(
            """
                partition esp { type = esp; size = 256M }
                partition r { type = root-arm64; size = 1G }
            """,
            ""));
  }

  @Test
  void raucNeedsCompatibleAndSlots() {
    assertEquals(
        List.of("APL0507 6:3", "APL0500 10:1", "APL0501 10:1"),
        codes("partition esp { type = esp; size = 256M }", "update rauc {}"));
  }

  @Test
  void aDebianImageThatUpdatesWithRaucNeedsTheService() {
    String disk =
        "partition esp { type = esp; size = 256M }\n"
            + "slots [a, b] { partition root { type = root; size = 1G } }";
    String update = "compatible = \"t\"\nupdate rauc {}";
    String without = TestSpecs.appliance(disk, update);
    assertEquals(List.of("APL0507 6:3"), TestSpecs.codes(TestSpecs.compile(without)));
    String with =
        without.replace(
            "os debian bookworm {}", "os debian bookworm { packages = [rauc, rauc-service] }");
    assertEquals(List.of(), TestSpecs.codes(TestSpecs.compile(with)));
    // The rule is about RAUC only.
    String sysupdate =
        TestSpecs.appliance(disk, "update sysupdate { source = \"https://u.example/\" }");
    assertTrue(
        TestSpecs.codes(TestSpecs.compile(sysupdate)).stream()
            .noneMatch(c -> c.startsWith("APL0507")));
  }

  /** A device refuses every version from a URL whose SHA256SUMS nothing signed. */
  @Test
  void sysupdateFromAUrlIsSigned() {
    String disk =
        "partition esp { type = esp; size = 256M }\n"
            + "slots [a, b] { partition root { type = root; size = 1G } }";
    String unsigned =
        TestSpecs.appliance(disk, "update sysupdate { source = \"https://u.example/\" }");
    assertEquals(List.of("APL0510 11:29"), TestSpecs.codes(TestSpecs.compile(unsigned)));
    String signed =
        TestSpecs.appliance(
            disk,
            "update sysupdate { source = \"https://u.example/\"; signing-key = release }\n"
                + "key release { path = \"keys/release\" }");
    assertEquals(List.of(), TestSpecs.codes(TestSpecs.compile(signed)));
    // From a folder (--transfer-source=), sysupdate checks no signature.
    String local = TestSpecs.appliance(disk, "update sysupdate { }");
    assertEquals(List.of(), TestSpecs.codes(TestSpecs.compile(local)));
  }
}
