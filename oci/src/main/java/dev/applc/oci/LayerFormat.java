package dev.applc.oci;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/** How a layer's tar stream is compressed, by the layer's media type. */
enum LayerFormat {
  TAR,
  GZIP,
  ZSTD;

  private static final Map<String, LayerFormat> BY_MEDIA_TYPE =
      Map.of(
          "application/vnd.oci.image.layer.v1.tar", TAR,
          "application/vnd.oci.image.layer.v1.tar+gzip", GZIP,
          "application/vnd.oci.image.layer.v1.tar+zstd", ZSTD,
          "application/vnd.oci.image.layer.nondistributable.v1.tar", TAR,
          "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip", GZIP,
          "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd", ZSTD,
          "application/vnd.docker.image.rootfs.diff.tar", TAR,
          "application/vnd.docker.image.rootfs.diff.tar.gzip", GZIP,
          "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip", GZIP);

  static LayerFormat of(Descriptor layer) throws OciException {
    LayerFormat format = BY_MEDIA_TYPE.get(layer.mediaType());
    if (format == null) {
      throw new OciException(
          "layer "
              + layer.digest()
              + " has media type `"
              + layer.mediaType()
              + "`, which is not a tar, tar+gzip or tar+zstd layer");
    }
    return format;
  }

  /** The layer's tar stream. */
  InputStream decompress(InputStream in) throws IOException {
    return switch (this) {
      case TAR -> in;
      case GZIP ->
          GzipCompressorInputStream.builder()
              .setInputStream(in)
              .setDecompressConcatenated(true)
              .get();
      case ZSTD -> new ZstdCompressorInputStream(in);
    };
  }
}
