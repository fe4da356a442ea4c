package dev.applc.compiler.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Discoverable Partitions Specification type: a kind ({@code root}, {@code esp}, ...) and, for
 * per-architecture kinds written explicitly ({@code root-arm64}), the architecture.
 */
public record PartitionType(Kind kind, Optional<String> explicitArch) {

  /** The partition kinds, named as systemd-repart's {@code Type=} names them. */
  public enum Kind {
    ESP("esp", false),
    XBOOTLDR("xbootldr", false),
    SWAP("swap", false),
    HOME("home", false),
    SRV("srv", false),
    VAR("var", false),
    TMP("tmp", false),
    LINUX_GENERIC("linux-generic", false),
    ROOT("root", true),
    ROOT_VERITY("root-verity", true),
    ROOT_VERITY_SIG("root-verity-sig", true),
    USR("usr", true),
    USR_VERITY("usr-verity", true),
    USR_VERITY_SIG("usr-verity-sig", true);

    private final String id;
    private final boolean perArch;

    Kind(String id, boolean perArch) {
      this.id = id;
      this.perArch = perArch;
    }

    public String id() {
      return id;
    }

    public boolean perArch() {
      return perArch;
    }

    public boolean isVerityHash() {
      return this == ROOT_VERITY || this == USR_VERITY;
    }

    public boolean isVeritySignature() {
      return this == ROOT_VERITY_SIG || this == USR_VERITY_SIG;
    }

    /** root and usr: the partitions that may carry dm-verity. */
    public boolean isVerityData() {
      return this == ROOT || this == USR;
    }
  }

  /** Architectures the DPS defines per-architecture types for. */
  public static final List<String> DPS_ARCHES =
      List.of(
          "alpha",
          "arc",
          "arm",
          "arm64",
          "ia64",
          "loongarch64",
          "mips-le",
          "mips64-le",
          "parisc",
          "ppc",
          "ppc64",
          "ppc64-le",
          "riscv32",
          "riscv64",
          "s390",
          "s390x",
          "tilegx",
          "x86",
          "x86-64");

  /** Every identifier the language accepts for {@code type}. */
  public static final List<String> IDENTIFIERS = identifiers();

  private static List<String> identifiers() {
    List<String> ids = new ArrayList<>();
    for (Kind k : Kind.values()) {
      ids.add(k.id());
    }
    for (String arch : DPS_ARCHES) {
      for (String base : List.of("root", "usr")) {
        ids.add(base + "-" + arch);
        ids.add(base + "-" + arch + "-verity");
        ids.add(base + "-" + arch + "-verity-sig");
      }
    }
    return List.copyOf(ids);
  }

  public static Optional<PartitionType> parse(String id) {
    for (Kind k : Kind.values()) {
      if (k.id().equals(id)) {
        return Optional.of(new PartitionType(k, Optional.empty()));
      }
    }
    for (String arch : DPS_ARCHES) {
      for (String base : List.of("root", "usr")) {
        String prefix = base + "-" + arch;
        String suffix = id.startsWith(prefix) ? id.substring(prefix.length()) : null;
        if (suffix == null) {
          continue;
        }
        String kindId = base + suffix;
        for (Kind k : Kind.values()) {
          if (k.id().equals(kindId) && k.perArch()) {
            return Optional.of(new PartitionType(k, Optional.of(arch)));
          }
        }
      }
    }
    return Optional.empty();
  }

  /** The same kind's verity hash or signature type. */
  public PartitionType verityHash() {
    return new PartitionType(kind == Kind.USR ? Kind.USR_VERITY : Kind.ROOT_VERITY, explicitArch);
  }

  public PartitionType veritySignature() {
    return new PartitionType(
        kind == Kind.USR ? Kind.USR_VERITY_SIG : Kind.ROOT_VERITY_SIG, explicitArch);
  }

  /** The identifier as written in a spec and in repart's {@code Type=}. */
  public String id() {
    if (explicitArch.isEmpty()) {
      return kind.id();
    }
    String base = kind.id().startsWith("usr") ? "usr" : "root";
    return base + "-" + explicitArch.get() + kind.id().substring(base.length());
  }

  /** The explicit identifier for an architecture: {@code root-x86-64-verity}. */
  public String idFor(Arch arch) {
    if (!kind.perArch()) {
      return kind.id();
    }
    String base = kind.id().startsWith("usr") ? "usr" : "root";
    return base + "-" + explicitArch.orElse(arch.id()) + kind.id().substring(base.length());
  }

  /** The GPT type GUID on an architecture, when the DPS table here knows it. */
  public Optional<String> guid(Arch arch) {
    String key = kind.perArch() ? idFor(arch) : kind.id();
    return Optional.ofNullable(GUIDS.get(key));
  }

  private static final Map<String, String> GUIDS =
      Map.ofEntries(
          Map.entry("esp", "c12a7328-f81f-11d2-ba4b-00a0c93ec93b"),
          Map.entry("xbootldr", "bc13c2ff-59e6-4262-a352-b275fd6f7172"),
          Map.entry("swap", "0657fd6d-a4ab-43c4-84e5-0933c84b4f4f"),
          Map.entry("home", "933ac7e1-2eb4-4f13-b844-0e14e2aef915"),
          Map.entry("srv", "3b8f8425-20e0-4f3b-907f-1a25a76f98e8"),
          Map.entry("var", "4d21b016-b534-45c2-a9fb-5c16e091fd2d"),
          Map.entry("tmp", "7ec6f557-3bc5-4aca-b293-16ef5df639d1"),
          Map.entry("linux-generic", "0fc63daf-8483-4772-8e79-3d69d8477de4"),
          Map.entry("root-x86-64", "4f68bce3-e8cd-4db1-96e7-fbcaf984b709"),
          Map.entry("root-x86-64-verity", "2c7357ed-ebd2-46d9-aec1-23d437ec2bf5"),
          Map.entry("root-x86-64-verity-sig", "41092b05-9fc8-4523-994f-2def0408b176"),
          Map.entry("usr-x86-64", "8484680c-9521-48c6-9c11-b0720656f69e"),
          Map.entry("usr-x86-64-verity", "77ff5f63-e7b6-4633-acf4-1565b864c0e6"),
          Map.entry("usr-x86-64-verity-sig", "e7bb33fb-06cf-4e81-8273-e543b413e2e2"),
          Map.entry("root-arm64", "b921b045-1df0-41c3-af44-4c6f280d3fae"),
          Map.entry("root-arm64-verity", "df3300ce-d69f-4c92-978c-9bfb0f38d820"),
          Map.entry("root-arm64-verity-sig", "6db69de6-29f4-4758-a7a5-962190f00ce3"),
          Map.entry("usr-arm64", "b0e01050-ee5f-4390-949a-9101b17104e9"),
          Map.entry("usr-arm64-verity", "6e11a4e7-fbca-4ded-b9e9-e1a512bb664e"),
          Map.entry("usr-arm64-verity-sig", "c23ce4ff-44bd-4b00-b2d4-b41b3419e02a"));
}
