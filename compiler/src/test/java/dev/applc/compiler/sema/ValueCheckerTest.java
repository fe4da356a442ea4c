package dev.applc.compiler.sema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Partition;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Units: sizes are binary (as systemd reads them), durations have their own units. */
class ValueCheckerTest {

  @ParameterizedTest
  @CsvSource({
    "512M, 536870912",
    "1.5G, 1610612736",
    "1G, 1073741824",
    "100MiB, 104857600",
    "0x8000000, 134217728",
    "1T, 1099511627776",
  })
  void sizesAreBinary(String written, long bytes) {
    Appliance a =
        TestSpecs.model(
            TestSpecs.appliance(
                "partition esp { type = esp; size = 512M }\n"
                    + "partition data { type = linux-generic; size = "
                    + written
                    + " }",
                ""));
    Partition data = a.disk().partition("data").orElseThrow();
    assertEquals(bytes, data.size().bytes());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "512 | APL0105",
        "512MB | APL0105",
        "5q | APL0105",
        "\"512M\" | APL0104",
        "[512M] | APL0104",
        "growing | APL0108",
      })
  void badSizes(String written, String code) {
    var r =
        TestSpecs.compile(
            TestSpecs.appliance(
                "partition esp { type = esp; size = 512M }\n"
                    + "partition data { type = linux-generic; size = "
                    + written
                    + " }",
                ""));
    assertEquals(List.of(code + " 9:47"), TestSpecs.codes(r));
  }

  @ParameterizedTest
  @CsvSource({"15min, 900000", "30s, 30000", "2h, 7200000", "1d, 86400000", "250ms, 250"})
  void durations(String written, long millis) {
    Appliance a =
        TestSpecs.model(
            TestSpecs.appliance(
                    "partition esp { type = esp; size = 512M }\n"
                        + "slots [a, b] { partition root { type = root; size = 1G } }",
                    "compatible = \"t\"\nupdate rauc { check-interval = " + written + " }")
                // A Debian image that updates with RAUC needs the service (APL0507).
                .replace(
                    "os debian bookworm {}", "os debian bookworm { packages = [rauc-service] }"));
    assertEquals(millis, a.update().orElseThrow().checkIntervalMillis().orElseThrow());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"../etc/passwd\" | APL0111",
        "\"/abs/overlay\" | APL0111",
        "\"a\\nb\" | APL0110",
        "\"ends-in\\\\\" | APL0110",
      })
  void unsafePaths(String written, String code) {
    String text =
        TestSpecs.appliance("partition esp { type = esp; size = 512M }", "")
            .replace(
                "os debian bookworm {}", "os debian bookworm { overlays = [" + written + "] }");
    assertEquals(code, TestSpecs.codes(TestSpecs.compile(text)).get(0).substring(0, 7));
  }

  /** Issue 14: "is not a valid the distribution": a message with two articles. */
  @org.junit.jupiter.api.Test
  void aBadLabelReadsAsASentence() {
    var r =
        TestSpecs.compile(
            TestSpecs.appliance("partition esp { type = esp; size = 512M }", "")
                .replace("os debian bookworm", "os debain bookworm"));
    List<String> messages = TestSpecs.messages(r);
    assertEquals(List.of("`debain` is not a valid distribution"), messages);
  }
}
