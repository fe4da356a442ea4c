package dev.applc.backends.mkosi;

import dev.applc.backends.escape.Escape;
import dev.applc.backends.sysupdate.Artifacts;
import dev.applc.backends.template.Templates;
import dev.applc.compiler.backend.BackendContext;
import dev.applc.compiler.backend.OutputTree;
import dev.applc.compiler.model.Appliance;
import dev.applc.compiler.model.Board;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code mkosi/mkosi.postoutput} of a sysupdate appliance: what mkosi 25 leaves undone of the
 * update's files. mkosi compresses the partitions systemd-repart splits out, but only with xz or
 * zstd, and copies the UKI out uncompressed ({@code copy_uki}); the transfers fetch every file with
 * the suffix of {@link Artifacts#compressionSuffix}, listed in SHA256SUMS.
 */
final class PostOutput {
  static final String PATH = MkosiBackend.DIR + "/mkosi.postoutput";

  private PostOutput() {}

  static void write(BackendContext ctx) {
    Appliance a = ctx.appliance();
    String compression = Artifacts.compression(a);
    String suffix = Artifacts.compressionSuffix(compression);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", ctx.header("#"));
    m.put("appliance", a.name());
    m.put("prefix", Escape.shell(a.build().imageId() + "_" + a.version()));
    m.put("suffix", suffix);
    m.put("compression", compression);
    m.put("compressor", compressor(suffix));
    // What MkosiConf writes as CompressOutput=: mkosi compresses the split partitions with it
    // (and writes no when the device cannot read the spec's compression).
    boolean mkosiCompresses =
        compression.equals(a.build().compression())
            && (compression.equals("zstd") || compression.equals("xz"));
    m.put("compressPartitions", !suffix.isEmpty() && !mkosiCompresses);
    boolean uki = a.boot().uki().isPresent() && a.board().firmware() != Board.Firmware.UBOOT;
    if (uki) {
      m.put("uki", Escape.shell(a.build().imageId() + "_" + a.version() + ".efi"));
    }
    ctx.out()
        .add(
            PATH,
            Templates.render("mkosi/postoutput.sh.ftl", m),
            OutputTree.MODE_EXECUTABLE,
            List.of(a.update().orElseThrow().origin().span(), a.build().origin().span()));
  }

  /** The command that replaces a file by its compressed copy, named with the suffix. */
  private static String compressor(String suffix) {
    return switch (suffix) {
      case ".zst" -> "zstd -q --rm -f --";
      case ".xz" -> "xz -q -f --";
      case ".gz" -> "gzip -q -f -n --";
      default -> "";
    };
  }
}
