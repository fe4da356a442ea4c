package dev.applc.lsp;

import dev.applc.compiler.source.SourceProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The standard library as an editor sees it: the list of {@code std:} names (for import
 * completion), and real files to jump to. Editors open {@code file:} URIs without help, so a std
 * file is written to a private temporary folder (read-only, removed when the server exits) the
 * first time a location in it is needed; a buffer opened from that folder is read back as the
 * {@code std:} file it is.
 */
final class StandardLibrary {
  private static final String ROOT = "std";
  private static final String SUFFIX = ".appliance";

  private Path folder;

  /** Every {@code std:} name on the classpath, sorted, such as {@code std:boards/rpi4}. */
  static List<String> names() {
    return Index.NAMES;
  }

  /** Listed once, when first needed: the classpath does not change while the server runs. */
  private static final class Index {
    static final List<String> NAMES = list();
  }

  private static List<String> list() {
    TreeSet<String> names = new TreeSet<>();
    ClassLoader loader = SourceProvider.class.getClassLoader();
    try {
      Enumeration<URL> roots = loader.getResources(ROOT);
      while (roots.hasMoreElements()) {
        URL url = roots.nextElement();
        if (url.getProtocol().equals("file")) {
          Path dir = Path.of(url.toURI());
          try (Stream<Path> files = Files.walk(dir)) {
            files
                .filter(p -> p.toString().endsWith(SUFFIX))
                .forEach(p -> names.add(name(dir.relativize(p).toString().replace('\\', '/'))));
          }
        } else if (url.getProtocol().equals("jar")) {
          JarURLConnection connection = (JarURLConnection) url.openConnection();
          connection.setUseCaches(false);
          try (JarFile jar = connection.getJarFile()) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
              String entry = e.nextElement().getName();
              if (entry.startsWith(ROOT + "/") && entry.endsWith(SUFFIX)) {
                names.add(name(entry.substring(ROOT.length() + 1)));
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return List.copyOf(names);
  }

  private static String name(String relative) {
    return SourceProvider.STD_SCHEME + relative.substring(0, relative.length() - SUFFIX.length());
  }

  /** The file a {@code std:} name is shown from, written on first use. */
  synchronized Path file(String stdName) throws IOException {
    Path target = folder().resolve(stdName.substring(SourceProvider.STD_SCHEME.length()) + SUFFIX);
    if (!Files.exists(target)) {
      Optional<String> text = SourceProvider.standardLibrary(stdName);
      if (text.isEmpty()) {
        throw new IOException("no standard-library file " + stdName);
      }
      Files.createDirectories(target.getParent());
      Files.writeString(target, text.get(), StandardCharsets.UTF_8);
      // Read-only as a hint that edits there change nothing; the file works either way.
      target.toFile().setReadOnly();
    }
    return target;
  }

  /** The {@code std:} name of a file in the temporary folder, if it is one. */
  synchronized Optional<String> nameOf(Path file) {
    if (folder == null || !file.startsWith(folder) || !file.toString().endsWith(SUFFIX)) {
      return Optional.empty();
    }
    return Optional.of(name(folder.relativize(file).toString().replace('\\', '/')));
  }

  private Path folder() throws IOException {
    if (folder == null) {
      folder = Files.createTempDirectory("applc-std-");
      Path created = folder;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(created)));
    }
    return folder;
  }

  /** Removes the temporary folder (also called when the server shuts down). */
  synchronized void close() {
    if (folder != null) {
      deleteTree(folder);
      folder = null;
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> paths = new ArrayList<>(walk.toList());
      paths.sort(Comparator.reverseOrder());
      for (Path p : paths) {
        p.toFile().setWritable(true);
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A leftover temporary folder is harmless.
    }
  }
}
