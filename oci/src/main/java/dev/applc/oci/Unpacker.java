package dev.applc.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Unpacks an image's layers, lowest first, into a target folder that becomes its root file system.
 *
 * <p>Every layer blob is read and checked against its digest and size before the first byte is
 * written, so a corrupted or truncated image leaves the target as it was. While a layer is applied
 * its blob is checked again, and its uncompressed stream against the config's {@code diff_ids}. The
 * result depends only on the image: modes, numeric owners (when {@link UnpackOptions#owners}) and
 * mtimes come from the layers; directories the layers imply but do not list get mode 0755 and mtime
 * 0. A symlink's mtime is kept to the microsecond (Java sets it with lutimes). The target folder
 * itself changes only when a layer lists {@code ./}.
 */
public final class Unpacker {
  private final UnpackOptions options;

  public Unpacker(UnpackOptions options) {
    this.options = options;
  }

  /** Opens the layout, chooses the image and unpacks it into {@code target} (made if missing). */
  public UnpackReport unpack(Path image, String ref, Platform platform, Path target)
      throws IOException {
    try (OciLayout layout = OciLayout.open(image)) {
      return unpack(layout, layout.select(ref, platform), target);
    }
  }

  public UnpackReport unpack(OciLayout layout, Image image, Path target) throws IOException {
    for (Descriptor layer : image.layers()) {
      LayerFormat.of(layer);
      try (BlobInputStream in = layout.openBlob(layer, "layer")) {
        in.verify();
      }
    }
    if (!image.diffIds().isEmpty() && image.diffIds().size() != image.layers().size()) {
      throw new OciException(
          "config "
              + image.config().digest()
              + " lists "
              + image.diffIds().size()
              + " diff_ids for "
              + image.layers().size()
              + " layers");
    }
    Files.createDirectories(target);
    RootFs fs = new RootFs(target);
    Map<Path, LayerApplier.DirectoryMetadata> directories = new HashMap<>();
    List<String> warnings = new ArrayList<>();
    long entries = 0;
    for (int i = 0; i < image.layers().size(); i++) {
      Descriptor layer = image.layers().get(i);
      Digest diffId = image.diffIds().isEmpty() ? null : image.diffIds().get(i);
      entries += apply(layout, layer, diffId, new LayerApplier(fs, options, directories, warnings));
    }
    for (Map.Entry<Path, LayerApplier.DirectoryMetadata> directory : directories.entrySet()) {
      finish(directory.getKey(), directory.getValue());
    }
    return new UnpackReport(image.manifest().digest(), image.layers().size(), entries, warnings);
  }

  private static long apply(OciLayout layout, Descriptor layer, Digest diffId, LayerApplier applier)
      throws IOException {
    try (BlobInputStream blob = layout.openBlob(layer, "layer")) {
      MessageDigest hasher = Digest.hasher(diffId == null ? "sha256" : diffId.algorithm());
      long entries;
      try (InputStream tar =
          new DigestInputStream(LayerFormat.of(layer).decompress(blob), hasher)) {
        entries = applier.apply(tar, layer.digest().toString());
        // The tar reader stops at the end-of-archive blocks; the diff_id covers the padding too.
        tar.transferTo(OutputStream.nullOutputStream());
        if (diffId != null) {
          Digest actual = Digest.of(diffId.algorithm(), hasher.digest());
          if (!actual.equals(diffId)) {
            throw new OciException(
                "layer "
                    + layer.digest()
                    + " unpacks to "
                    + actual
                    + ", but the config's diff_id is "
                    + diffId);
          }
        }
        blob.verify();
      }
      return entries;
    }
  }

  /** Sets a directory's mode and mtime, unless a later layer replaced it. */
  private static void finish(Path directory, LayerApplier.DirectoryMetadata metadata)
      throws IOException {
    PosixFileAttributes attributes = RootFs.lstat(directory);
    if (attributes == null || !attributes.isDirectory()) {
      return;
    }
    Files.setAttribute(directory, "unix:mode", metadata.mode(), LinkOption.NOFOLLOW_LINKS);
    Files.getFileAttributeView(directory, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(metadata.mtime(), metadata.mtime(), null);
  }
}
