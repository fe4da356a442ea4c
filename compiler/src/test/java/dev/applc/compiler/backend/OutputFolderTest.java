package dev.applc.compiler.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which paths an output tree may replace, and how a tree replaces one. */
class OutputFolderTest {
  @TempDir Path dir;

  private static OutputTree tree(String text) {
    OutputTree t = new OutputTree();
    t.add("rootfs/etc/hello", text, OutputTree.MODE_FILE, List.of());
    t.add(
        Manifest.PATH,
        "{\"generator\": \"applc\", \"spec\": \"x\", \"files\": [{\"path\": \"rootfs/etc/hello\","
            + " \"sha256\": \"00\"}]}\n",
        OutputTree.MODE_FILE,
        List.of());
    return t;
  }

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aFolderOfTheUsersIsNotReplaced() throws IOException {
    Path out = Files.createDirectory(dir.resolve("out"));
    Files.writeString(out.resolve("notes.txt"), "mine");
    OutputFolder.RefusedException e =
        assertThrows(OutputFolder.RefusedException.class, () -> OutputWriter.write(tree("a"), out));
    assertTrue(e.getMessage().contains("applc did not write"), e.getMessage());
    assertEquals("mine", Files.readString(out.resolve("notes.txt")));
  }

  @Test
  void aManifestOfAnotherToolIsNotApplcs() throws IOException {
    Path out = Files.createDirectory(dir.resolve("out"));
    Files.writeString(out.resolve(Manifest.PATH), "{\"generator\": \"other\", \"files\": []}");
    assertTrue(OutputFolder.checkTree(out).get().reason().contains("not one applc wrote"));
    Files.writeString(out.resolve(Manifest.PATH), "not json");
    assertTrue(OutputFolder.checkTree(out).isPresent());
  }

  @Test
  void aFileIsNotReplaced() throws IOException {
    Path spec = Files.writeString(dir.resolve("x.appliance"), "applc 1\n");
    assertThrows(OutputFolder.RefusedException.class, () -> OutputWriter.write(tree("a"), spec));
    assertEquals("applc 1\n", Files.readString(spec));
  }

  @Test
  void theSpecItsFolderAndTheCurrentFolderAreRefused() throws IOException {
    // The spec one level down in the temporary folder, so that the folder around the spec's
    // folder is the temporary folder: its parent may also hold the current folder (a checkout
    // under /tmp), which is refused for that reason first.
    Path project = Files.createDirectories(dir.resolve("project"));
    Path spec = Files.writeString(project.resolve("x.appliance"), "applc 1\n");
    for (OutputFolder.Kind kind : OutputFolder.Kind.values()) {
      assertEquals(
          "it is the spec itself", OutputFolder.check(spec, spec, kind).get().reason(), kind + "");
      assertEquals("it holds the spec", OutputFolder.check(project, spec, kind).get().reason());
      assertEquals("it holds the spec", OutputFolder.check(dir, spec, kind).get().reason());
      assertEquals(
          "it is the current folder", OutputFolder.check(Path.of("."), null, kind).get().reason());
      assertEquals(
          "it holds the current folder",
          OutputFolder.check(Path.of(".."), null, kind).get().reason());
    }
  }

  @Test
  void aProjectRootIsRefused() throws IOException {
    Path project = Files.createDirectories(dir.resolve("project/.git")).getParent();
    assertTrue(
        OutputFolder.check(project, null, OutputFolder.Kind.COMPILE)
            .get()
            .reason()
            .contains(".git"));
  }

  @Test
  void newEmptyAndApplcFoldersAreAccepted() throws IOException {
    assertEquals(Optional.empty(), OutputFolder.checkTree(dir.resolve("new")));
    Path empty = Files.createDirectory(dir.resolve("empty"));
    assertEquals(Optional.empty(), OutputFolder.checkTree(empty));
    OutputWriter.write(tree("a"), empty);
    assertEquals(Optional.empty(), OutputFolder.checkTree(empty));
  }

  @Test
  void outputIsALinkToATreeBesideIt() throws IOException {
    Path out = dir.resolve("out");
    OutputWriter.write(tree("one"), out);
    assertTrue(Files.isSymbolicLink(out));
    Path first = Files.readSymbolicLink(out);
    assertFalse(first.isAbsolute());
    assertTrue(first.toString().startsWith(".out.applc-tree-"), first.toString());
    OutputWriter.write(tree("two"), out);
    assertEquals("two", Files.readString(out.resolve("rootfs/etc/hello")));
    assertEquals(List.of(Files.readSymbolicLink(out).toString(), "out"), names());
  }

  @Test
  void aFolderAnEarlierApplcWroteBecomesALink() throws IOException {
    Path out = Files.createDirectory(dir.resolve("out"));
    for (OutputFile f : tree("old").files()) {
      Files.createDirectories(out.resolve(f.path()).getParent());
      Files.write(out.resolve(f.path()), f.content());
    }
    OutputWriter.write(tree("new"), out);
    assertTrue(Files.isSymbolicLink(out));
    assertEquals("new", Files.readString(out.resolve("rootfs/etc/hello")));
    assertEquals(2, names().size(), names().toString());
  }

  @Test
  void leftoversOfKilledRunsAreDeletedAndOthersKept() throws IOException {
    Path out = dir.resolve("out");
    OutputWriter.write(tree("one"), out);
    // A tree whose writing was killed after the manifest, one killed before, a link not renamed,
    // the staging folder of the applc that renamed folders, and a user's look-alike folder.
    Path killed = Files.createDirectories(dir.resolve(".out.applc-tree-1"));
    Files.writeString(killed.resolve(Manifest.PATH), "{\"generator\": \"app");
    Files.createDirectory(dir.resolve(".out.applc-tree-2"));
    Files.createSymbolicLink(dir.resolve(".out.applc-link-3"), Path.of(".out.applc-tree-2"));
    Path renamedStaging = Files.createDirectory(dir.resolve(".out.new-4"));
    Files.write(
        renamedStaging.resolve(Manifest.PATH), tree("x").get(Manifest.PATH).get().content());
    Path lookalike = Files.createDirectory(dir.resolve(".out.applc-tree-5"));
    Files.writeString(lookalike.resolve("mine.txt"), "mine", StandardCharsets.UTF_8);

    OutputWriter.write(tree("two"), out);

    List<String> left = names();
    assertTrue(left.contains(".out.applc-tree-5"), left.toString());
    assertFalse(left.contains(".out.applc-tree-1"), left.toString());
    assertFalse(left.contains(".out.applc-tree-2"), left.toString());
    assertFalse(left.contains(".out.applc-link-3"), left.toString());
    assertFalse(left.contains(".out.new-4"), left.toString());
    assertEquals(3, left.size(), left.toString());
    assertEquals("two", Files.readString(out.resolve("rootfs/etc/hello")));
  }

  @Test
  void aBuildOutputIsRecognisedByItsConfig() throws IOException {
    Path build = dir.resolve("build");
    assertEquals(Optional.empty(), OutputFolder.checkBuild(build));
    Files.createDirectory(build);
    assertEquals(Optional.empty(), OutputFolder.checkBuild(build));
    OutputWriter.write(tree("a"), build.resolve(OutputFolder.BUILD_CONFIG));
    Files.createDirectories(build.resolve("images"));
    assertEquals(Optional.empty(), OutputFolder.checkBuild(build));

    Path mine = Files.createDirectory(dir.resolve("mine"));
    Files.writeString(mine.resolve("photo.jpg"), "x");
    assertTrue(OutputFolder.checkBuild(mine).isPresent());
    Path compileOutput = dir.resolve("compiled");
    OutputWriter.write(tree("a"), compileOutput);
    assertTrue(OutputFolder.checkBuild(compileOutput).isPresent());
  }
}
