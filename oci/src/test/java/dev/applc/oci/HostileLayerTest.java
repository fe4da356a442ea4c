package dev.applc.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layers written to escape the target. Each test unpacks into {@code tmp/root} beside a sentinel
 * folder {@code tmp/sentinel}, and the sentinel must be exactly as it was afterwards.
 */
class HostileLayerTest {
  @TempDir Path tmp;
  private Path root;
  private Path sentinel;
  private Map<String, String> before;

  @BeforeEach
  void plantSentinel() throws IOException {
    root = tmp.resolve("root");
    sentinel = tmp.resolve("sentinel");
    Files.createDirectories(sentinel.resolve("dir"));
    Files.writeString(sentinel.resolve("file"), "untouched");
    Files.writeString(sentinel.resolve("dir/inner"), "untouched");
    before = Trees.snapshot(sentinel);
  }

  @AfterEach
  void sentinelIsUntouched() throws IOException {
    assertEquals(before, Trees.snapshot(sentinel));
  }

  private UnpackReport unpack(TestLayer... layers) throws IOException {
    TestImages images = new TestImages(tmp.resolve("image"));
    images.only(images.manifest("linux/amd64", LayerFormat.TAR, layers));
    return new Unpacker(new UnpackOptions(true, true))
        .unpack(images.path(), null, Platform.LINUX_AMD64, root);
  }

  private OciException refused(TestLayer... layers) {
    return assertThrows(OciException.class, () -> unpack(layers));
  }

  @Test
  void dotDotInANameIsRefused() {
    OciException e = refused(new TestLayer().file("../sentinel/file", "pwned", 0644));
    assertTrue(e.getMessage().endsWith("layer entry `../sentinel/file` has a `..` component"));
    e = refused(new TestLayer().file("a/../../sentinel/dir/inner", "pwned", 0644));
    assertTrue(e.getMessage().contains("has a `..` component"));
  }

  @Test
  void anAbsoluteNameIsTakenInsideTheRoot() throws IOException {
    unpack(new TestLayer().file(sentinel + "/file", "inside", 0644));
    assertEquals(
        "inside", Files.readString(root.resolve(sentinel.toString().substring(1) + "/file")));
  }

  @Test
  void aSymlinkToTheHostEtcIsALoopInsideTheRoot() {
    OciException e =
        refused(new TestLayer().symlink("etc", "/etc").file("etc/passwd", "pwned", 0644));
    assertTrue(e.getMessage().contains("too many levels of symbolic links"), e.getMessage());
  }

  @Test
  void anAbsoluteSymlinkParentResolvesInsideTheRoot() throws IOException {
    unpack(
        new TestLayer()
            .symlink("escape", sentinel.toString())
            .file("escape/file", "pwned", 0644)
            .file("escape/dir/inner", "pwned", 0644));
    Path inside = root.resolve(sentinel.toString().substring(1));
    assertEquals("pwned", Files.readString(inside.resolve("file")));
    assertEquals("pwned", Files.readString(inside.resolve("dir/inner")));
  }

  @Test
  void aRelativeSymlinkParentStopsAtTheRoot() throws IOException {
    unpack(
        new TestLayer()
            .symlink("a/b/up", "../../../../../../..")
            .file("a/b/up/sentinel/file", "pwned", 0644));
    assertEquals("pwned", Files.readString(root.resolve("sentinel/file")));
  }

  @Test
  void aSymlinkInALowerLayerIsNotFollowedByAnUpperOne() throws IOException {
    unpack(
        new TestLayer()
            .symlink("victim", sentinel.resolve("file").toString())
            .symlink("victimdir", sentinel.toString()),
        new TestLayer()
            .file("victim", "replaced", 0600)
            .dir("victimdir", 0700)
            .file("victimdir/file", "inside", 0644));
    assertEquals("replaced", Files.readString(root.resolve("victim")));
    assertFalse(Files.isSymbolicLink(root.resolve("victimdir")));
    assertEquals("inside", Files.readString(root.resolve("victimdir/file")));
  }

  @Test
  void aSymlinkToAHostFolderIsReplacedNotEmptied() throws IOException {
    unpack(
        new TestLayer().symlink("dir", sentinel.toString()),
        new TestLayer().file("dir", "a file now", 0644));
    assertEquals("a file now", Files.readString(root.resolve("dir")));
  }

  @Test
  void whiteoutsThroughASymlinkStayInsideTheRoot() throws IOException {
    unpack(
        new TestLayer()
            .symlink("link", sentinel.toString())
            .symlink("rel", "../sentinel")
            .symlink("whole", sentinel.resolve("dir").toString()),
        new TestLayer()
            .whiteout("link", "file")
            .opaque("link")
            .whiteout("rel", "file")
            .opaque("rel/dir")
            .whiteout("", "whole"));
    assertFalse(Files.exists(root.resolve("whole"), LinkOption.NOFOLLOW_LINKS));
    assertTrue(Files.isSymbolicLink(root.resolve("link")));
  }

  @Test
  void hardLinksMustPointInsideTheRoot() {
    OciException e = refused(new TestLayer().hardlink("h", sentinel.resolve("file").toString()));
    assertTrue(e.getMessage().contains("which is no file in the image"), e.getMessage());
    e = refused(new TestLayer().hardlink("h", "../sentinel/file"));
    assertTrue(e.getMessage().contains("has a `..` component"), e.getMessage());
    e = refused(new TestLayer().symlink("esc", sentinel.toString()).hardlink("h", "esc/file"));
    assertTrue(e.getMessage().contains("which is no file in the image"), e.getMessage());
  }

  @Test
  void aHardLinkToAnEscapingSymlinkIsOnlyAnotherSymlink() throws IOException {
    unpack(
        new TestLayer().symlink("s", sentinel.resolve("file").toString()).hardlink("h", "s"),
        new TestLayer().file("h", "replaced", 0644));
    assertEquals("replaced", Files.readString(root.resolve("h")));
  }

  @Test
  void aParentThatIsAFileIsAnError() {
    OciException e =
        refused(new TestLayer().file("etc", "file", 0644).file("etc/passwd", "x", 0644));
    assertTrue(e.getMessage().endsWith("its parent `/etc` is not a directory"), e.getMessage());
  }
}
