package dev.applc.oci;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** A layer's tar stream, written entry by entry as a test needs it. */
public final class TestLayer {
  static final FileTime MTIME = FileTime.from(Instant.parse("2024-05-06T07:08:09Z"));

  private record Item(TarArchiveEntry entry, byte[] content) {}

  private final List<Item> items = new ArrayList<>();

  public TestLayer dir(String name, int mode) {
    TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
    entry.setMode(040000 | mode);
    return add(entry, new byte[0]);
  }

  public TestLayer file(String name, String content, int mode) {
    return file(name, content, mode, 0, 0);
  }

  TestLayer file(String name, String content, int mode, int uid, int gid) {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(0100000 | mode);
    entry.setUserId(uid);
    entry.setGroupId(gid);
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    entry.setSize(bytes.length);
    return add(entry, bytes);
  }

  public TestLayer symlink(String name, String target) {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
    entry.setLinkName(target);
    entry.setMode(0120777);
    return add(entry, new byte[0]);
  }

  TestLayer hardlink(String name, String target) {
    TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK);
    entry.setLinkName(target);
    entry.setMode(0100644);
    return add(entry, new byte[0]);
  }

  TestLayer special(String name, byte type, int major, int minor, int mode) {
    TarArchiveEntry entry = new TarArchiveEntry(name, type);
    entry.setMode(mode);
    entry.setDevMajor(major);
    entry.setDevMinor(minor);
    return add(entry, new byte[0]);
  }

  public TestLayer whiteout(String dir, String name) {
    return file((dir.isEmpty() ? "" : dir + "/") + ".wh." + name, "", 0644);
  }

  public TestLayer opaque(String dir) {
    return file(dir + "/.wh..wh..opq", "", 0644);
  }

  TestLayer xattrs(String name, String content, Map<String, String> xattrs) {
    file(name, content, 0644);
    TarArchiveEntry entry = items.get(items.size() - 1).entry();
    xattrs.forEach((key, value) -> entry.addPaxHeader("SCHILY.xattr." + key, value));
    return this;
  }

  private TestLayer add(TarArchiveEntry entry, byte[] content) {
    entry.setModTime(MTIME);
    items.add(new Item(entry, content));
    return this;
  }

  byte[] tar() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Item item : items) {
        tar.putArchiveEntry(item.entry());
        tar.write(item.content());
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
