package dev.applc.dist;

import dev.applc.cli.ApplcCommand;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * What the Debian package carries besides the jar, made from the picocli commands themselves so
 * that they cannot drift from them: one AsciiDoc man page per command (which Asciidoctor then turns
 * into troff) and the bash completion script.
 *
 * <p>{@code Manuals pages DIR COMPLETION} writes the pages into DIR and the completion script to
 * COMPLETION; {@code Manuals gzip DIR} compresses every file in DIR as Debian wants man pages
 * stored, without a name or time in the gzip header so that two builds give the same bytes.
 */
public final class Manuals {
  private Manuals() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 3 && args[0].equals("pages")) {
      pages(Path.of(args[1]), Path.of(args[2]));
    } else if (args.length == 2 && args[0].equals("gzip")) {
      gzip(Path.of(args[1]));
    } else {
      throw new IllegalArgumentException("usage: Manuals pages DIR COMPLETION | Manuals gzip DIR");
    }
  }

  static void pages(Path dir, Path completion) throws IOException {
    CommandLine applc = ApplcCommand.commandLine();
    Files.createDirectories(dir);
    int exit =
        ManPageGenerator.generateManPage(
            dir.toFile(), (File) null, new boolean[0], true, applc.getCommandSpec());
    if (exit != 0) {
      throw new IOException("picocli's man page generator failed with exit code " + exit);
    }
    Files.createDirectories(completion.toAbsolutePath().getParent());
    Files.writeString(completion, AutoComplete.bash("applc", applc), StandardCharsets.UTF_8);
  }

  static void gzip(Path dir) throws IOException {
    List<Path> pages;
    try (Stream<Path> files = Files.list(dir)) {
      pages = files.filter(f -> !f.toString().endsWith(".gz")).sorted().toList();
    }
    for (Path page : pages) {
      Path gz = page.resolveSibling(page.getFileName() + ".gz");
      // GZIPOutputStream writes no file name and a zero time: the same page gives the same bytes.
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
        Files.copy(page, out);
      }
      Files.delete(page);
    }
  }
}
