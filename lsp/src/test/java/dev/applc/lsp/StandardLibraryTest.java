package dev.applc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The std names offered for import are exactly the standard library's files. */
class StandardLibraryTest {
  @Test
  void namesAreTheFilesOfTheStandardLibrary() throws Exception {
    Path std = Path.of("..", "stdlib", "src", "main", "resources", "std");
    List<String> expected;
    try (Stream<Path> files = Files.walk(std)) {
      expected =
          files
              .filter(p -> p.toString().endsWith(".appliance"))
              .map(p -> std.relativize(p).toString().replace('\\', '/'))
              .map(n -> "std:" + n.substring(0, n.length() - ".appliance".length()))
              .sorted()
              .toList();
    }
    assertTrue(expected.size() > 5, expected.toString());
    assertEquals(expected, StandardLibrary.names());
  }

  @Test
  void aStdFileIsWrittenOnceReadOnlyAndKnownByItsName() throws Exception {
    StandardLibrary library = new StandardLibrary();
    try {
      Path file = library.file("std:boards/rpi4");
      assertEquals(file, library.file("std:boards/rpi4"));
      assertTrue(Files.readString(file).contains("board rpi4"));
      assertTrue(
          !Files.getPosixFilePermissions(file)
              .contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE));
      assertEquals(java.util.Optional.of("std:boards/rpi4"), library.nameOf(file));
    } finally {
      library.close();
    }
  }
}
