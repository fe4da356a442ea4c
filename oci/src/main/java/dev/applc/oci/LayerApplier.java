package dev.applc.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Applies one layer's tar stream to the root as the OCI image spec says: entries add or replace
 * what lower layers left (a directory over a directory merges, anything else replaces), {@code
 * .wh.NAME} deletes NAME of lower layers and {@code .wh..wh..opq} empties its directory of lower
 * content. Every path goes through {@link RootFs}, so nothing is written outside the root.
 */
final class LayerApplier {
  private static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";
  private static final String XATTR = "SCHILY.xattr.";
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private final RootFs fs;
  private final UnpackOptions options;
  private final Map<Path, DirectoryMetadata> directories;
  private final List<String> warnings;

  /** What this layer wrote: lower-layer whiteouts and opaque markers must spare these. */
  private final Set<Path> written = new HashSet<>();

  /** Mode and mtime of a directory, set once all layers are in (children change the mtime). */
  record DirectoryMetadata(int mode, FileTime mtime) {}

  LayerApplier(
      RootFs fs,
      UnpackOptions options,
      Map<Path, DirectoryMetadata> directories,
      List<String> warnings) {
    this.fs = fs;
    this.options = options;
    this.directories = directories;
    this.warnings = warnings;
  }

  /** Applies the tar stream's entries, returning how many there were. */
  long apply(InputStream tarStream, String layer) throws IOException {
    TarArchiveInputStream tar = new TarArchiveInputStream(tarStream, "UTF-8");
    long count = 0;
    TarArchiveEntry entry;
    while ((entry = tar.getNextEntry()) != null) {
      count++;
      try {
        apply(entry, tar);
      } catch (OciException e) {
        throw new OciException("layer " + layer + ": " + e.getMessage(), e);
      } catch (IOException e) {
        throw new OciException(
            "layer " + layer + ": cannot apply `" + entry.getName() + "`: " + e, e);
      }
    }
    return count;
  }

  private void apply(TarArchiveEntry entry, InputStream content) throws IOException {
    EntryPath path = EntryPath.parse(entry.getName());
    if (path.isRoot()) {
      if (entry.isDirectory()) {
        metadata(fs.root(), entry);
      }
      return;
    }
    String name = path.name();
    if (name.startsWith(WHITEOUT)) {
      whiteout(path, name);
      return;
    }
    Path parent = fs.parentOf(path, true);
    for (Path created : fs.takeCreatedParents()) {
      directories.putIfAbsent(created, new DirectoryMetadata(0755, FileTime.fromMillis(0)));
    }
    Path target = parent.resolve(name);
    written.add(target);
    if (entry.isDirectory()) {
      PosixFileAttributes existing = RootFs.lstat(target);
      if (existing == null || !existing.isDirectory()) {
        RootFs.remove(target);
        Files.createDirectory(target);
      }
      metadata(target, entry);
    } else if (entry.isSymbolicLink()) {
      RootFs.remove(target);
      // The link text is content: RootFs interprets it chroot-style, the kernel never here.
      Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
      metadata(target, entry);
    } else if (entry.isLink()) {
      hardLink(path, target, entry);
    } else if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
      special(path, target, entry);
    } else if (entry.isFile()) {
      RootFs.remove(target);
      // CREATE_NEW (O_EXCL) with NOFOLLOW: fails rather than write through anything there.
      try (OutputStream out =
          Files.newOutputStream(
              target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW)) {
        content.transferTo(out);
      }
      metadata(target, entry);
    } else {
      warnings.add(
          "skipped `"
              + path
              + "`: tar entry type `"
              + (char) entry.getLinkFlag()
              + "` is not a file system object");
    }
  }

  private void whiteout(EntryPath marker, String name) throws IOException {
    Path parent = fs.parentOf(marker, false);
    if (parent == null) {
      return;
    }
    if (name.equals(OPAQUE)) {
      PosixFileAttributes attributes = RootFs.lstat(parent);
      if (attributes != null && attributes.isDirectory()) {
        clearLower(parent);
      }
      return;
    }
    if (name.startsWith(OPAQUE.substring(0, 8))) {
      return; // other .wh..wh. names are aufs bookkeeping, not content
    }
    String hidden = name.substring(WHITEOUT.length());
    if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
      throw new OciException("whiteout `" + marker + "` names no file");
    }
    Path victim = parent.resolve(hidden);
    if (!written.contains(victim)) {
      RootFs.remove(victim);
    }
  }

  /** Deletes what lower layers put in {@code dir}, keeping what this layer wrote. */
  private void clearLower(Path dir) throws IOException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(children::add);
    }
    for (Path child : children) {
      if (!written.contains(child)) {
        RootFs.remove(child);
      } else {
        PosixFileAttributes attributes = RootFs.lstat(child);
        if (attributes != null && attributes.isDirectory()) {
          clearLower(child);
        }
      }
    }
  }

  private void hardLink(EntryPath path, Path target, TarArchiveEntry entry) throws IOException {
    EntryPath linkPath = EntryPath.parse(entry.getLinkName());
    Path linkParent = linkPath.isRoot() ? null : fs.parentOf(linkPath, false);
    Path source = linkParent == null ? null : linkParent.resolve(linkPath.name());
    PosixFileAttributes attributes = source == null ? null : RootFs.lstat(source);
    if (attributes == null || attributes.isDirectory()) {
      throw new OciException(
          "hard link `"
              + path
              + "` points to `"
              + entry.getLinkName()
              + "`, which is no file in the image");
    }
    if (source.equals(target)) {
      return;
    }
    RootFs.remove(target);
    // link(2) does not follow a symlink source: a link to a symlink is another symlink.
    Files.createLink(target, source);
  }

  private void special(EntryPath path, Path target, TarArchiveEntry entry) throws IOException {
    String type = entry.isFIFO() ? "p" : entry.isCharacterDevice() ? "c" : "b";
    if (!entry.isFIFO() && !options.devices()) {
      warnings.add("skipped device `" + path + "`: creating devices needs root");
      return;
    }
    RootFs.remove(target);
    List<String> command = new ArrayList<>(List.of("mknod", "--", target.toString(), type));
    if (!entry.isFIFO()) {
      command.add(Integer.toString(entry.getDevMajor()));
      command.add(Integer.toString(entry.getDevMinor()));
    }
    run(command, target);
    metadata(target, entry);
  }

  private void run(List<String> command, Path target) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (process.waitFor() != 0) {
        throw new OciException("cannot create `" + shown(target) + "`: " + output.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OciException("interrupted while creating `" + shown(target) + "`", e);
    }
  }

  /**
   * Owner, extended attributes, mode and mtime, in that order: chown clears the set-id bits. For
   * directories the mode and mtime wait until all layers are in.
   */
  private void metadata(Path target, TarArchiveEntry entry) throws IOException {
    if (options.owners()) {
      Files.setAttribute(target, "unix:uid", (int) entry.getLongUserId(), NOFOLLOW);
      Files.setAttribute(target, "unix:gid", (int) entry.getLongGroupId(), NOFOLLOW);
    }
    int mode = entry.getMode() & 07777;
    FileTime mtime = entry.getLastModifiedTime();
    if (entry.isDirectory()) {
      xattrs(target, entry);
      directories.put(target, new DirectoryMetadata(mode, mtime));
      return;
    }
    if (entry.isFIFO() || entry.isCharacterDevice() || entry.isBlockDevice()) {
      // Java sets times (and, without following links, modes and xattrs) through an open file
      // descriptor, and opening a FIFO blocks, a device may act: these go by path instead.
      Files.setAttribute(target, "unix:mode", mode);
      Instant time = mtime.toInstant();
      String seconds = time.getEpochSecond() + "." + String.format("%09d", time.getNano());
      run(List.of("touch", "-h", "-d", "@" + seconds, "--", target.toString()), target);
      return;
    }
    if (!entry.isSymbolicLink()) {
      xattrs(target, entry);
      Files.setAttribute(target, "unix:mode", mode, NOFOLLOW);
    }
    Files.getFileAttributeView(target, BasicFileAttributeView.class, NOFOLLOW)
        .setTimes(mtime, mtime, null);
  }

  /**
   * PAX {@code SCHILY.xattr.*} records. Java writes only the {@code user.} namespace; others (such
   * as {@code security.capability}) are reported as warnings, not applied.
   */
  private void xattrs(Path target, TarArchiveEntry entry) throws IOException {
    for (Map.Entry<String, String> header : entry.getExtraPaxHeaders().entrySet()) {
      if (!header.getKey().startsWith(XATTR)) {
        continue;
      }
      String name = header.getKey().substring(XATTR.length());
      if (name.startsWith("user.")) {
        UserDefinedFileAttributeView view =
            Files.getFileAttributeView(target, UserDefinedFileAttributeView.class, NOFOLLOW);
        if (view == null) {
          warnings.add(
              "skipped xattr `" + name + "` of `" + shown(target) + "`: not supported here");
          continue;
        }
        view.write(
            name.substring("user.".length()),
            ByteBuffer.wrap(header.getValue().getBytes(StandardCharsets.UTF_8)));
      } else {
        warnings.add(
            "skipped xattr `"
                + name
                + "` of `"
                + shown(target)
                + "`: only user.* extended attributes are applied");
      }
    }
  }

  /** A path as the image sees it, for messages: no path of this machine. */
  private String shown(Path target) {
    return "/" + fs.root().relativize(target);
  }
}
