package dev.applc.compiler.sema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Partition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Slots expand, verity partitions are derived, the layout is aligned and shares free space. */
class DiskBuilderTest {

  @Test
  void slotsExpandWithDerivedVerityPartitions() {
    Appliance a =
        TestSpecs.model(
            TestSpecs.appliance(
                """
                    partition esp { type = esp; size = 256M }
                    slots [a, b] {
                      partition usr { type = usr; size = 1G; format = erofs; verity = signed(v) }
                    }
                    partition var { type = var; size = grow }
                """,
                "key v { path = \"keys/v\" }"));
    List<String> ids = a.disk().partitions().stream().map(Partition::id).toList();
    assertEquals(
        List.of(
            "esp",
            "usr-a",
            "usr-a-verity",
            "usr-a-verity-sig",
            "usr-b",
            "usr-b-verity",
            "usr-b-verity-sig",
            "var"),
        ids);
    Partition usrB = a.disk().partition("usr-b").orElseThrow();
    assertEquals(Partition.Contents.Kind.EMPTY, usrB.contents().kind(), "later slots start empty");
    assertEquals(
        Partition.Contents.Kind.USR, a.disk().partition("usr-a").orElseThrow().contents().kind());
    Partition hash = a.disk().partition("usr-a-verity").orElseThrow();
    assertEquals("usr-a-verity", hash.label());
    assertEquals("77ff5f63-e7b6-4633-acf4-1565b864c0e6", hash.typeGuid());
    assertEquals(9L << 20, hash.size().bytes(), "1G / 127 plus headroom, rounded up to 1M");
    assertTrue(a.disk().partitions().stream().allMatch(p -> p.offset() % (1L << 20) == 0));
  }

  @Test
  void growersShareADeclaredDisk() {
    var r =
        TestSpecs.compile(
            TestSpecs.appliance(
                """
                    size = 1G
                    partition esp { type = esp; size = 256M }
                    partition home { type = home; size = grow }
                    partition srv { type = srv; size = grow }
                """,
                ""));
    assertEquals(List.of("APL0209 11:40"), TestSpecs.codes(r), "two growers: a warning");
    Appliance a = r.value().orElseThrow().appliances().get(0);
    Partition home = a.disk().partition("home").orElseThrow();
    Partition srv = a.disk().partition("srv").orElseThrow();
    assertEquals(home.allocated(), srv.allocated());
    assertTrue(srv.end() + (1L << 20) <= 1L << 30, "the backup GPT keeps its room");
  }

  @Test
  void slotOverridesAndSlotPlaceholderInLabels() {
    Appliance a =
        TestSpecs.model(
            TestSpecs.appliance(
                """
                    partition esp { type = esp; size = 256M }
                    slots [A, B] {
                      partition rootfs { type = root; size = 1536M; format = squashfs;
                                         label = "rootfs-{slot}" }
                      slot B { partition rootfs { label = "rootfs-spare" } }
                    }
                """,
                ""));
    assertEquals("rootfs-A", a.disk().partition("rootfs-A").orElseThrow().label());
    assertEquals("rootfs-spare", a.disk().partition("rootfs-B").orElseThrow().label());
  }

  @Test
  void layoutsAreExtendedAndOverridden() {
    String layout =
        """
        applc 1
        layout base {
          size = 8G
          partition esp { type = esp; size = 256M }
          slots [a, b] { partition root { type = root; size = 1G } }
          partition var { type = var; size = grow }
        }
        """;
    String spec =
        """
        applc 1
        import "boards.appliance"
        import "layout.appliance"
        appliance t {
          version = "1"
          board = pc
          os debian bookworm {}
          disk extends base {
            slots [a, b] { partition root { size = 2G } }
          }
        }
        """;
    var r = TestSpecs.compile(spec, Map.of("layout.appliance", layout));
    assertEquals(List.of(), TestSpecs.codes(r));
    Appliance a = r.value().orElseThrow().appliances().get(0);
    assertEquals(2L << 30, a.disk().partition("root-b").orElseThrow().size().bytes());
    assertEquals(8L << 30, a.disk().size(), "the layout's size is kept");
    assertEquals(
        "layout.appliance",
        a.disk().partition("esp").orElseThrow().origin().span().file().name(),
        "inherited partitions keep the span of their definition");
  }

  @Test
  void ubootEnvironmentMovesTheFirstPartition() {
    String spec =
        TestSpecs.appliance("partition boot { type = esp; size = 256M }", "")
            .replace("board = pc", "board = pi");
    Appliance a = TestSpecs.model(spec);
    assertEquals(3L << 20, a.disk().start(), "after the redundant copy at 2M + 32K, rounded");
  }
}
