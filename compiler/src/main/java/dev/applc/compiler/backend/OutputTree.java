package dev.applc.compiler.backend;

import dev.applc.compiler.source.SourceSpan;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The files a compile produces, in memory, keyed by relative path in sorted order. Paths are
 * checked here so that no backend, whatever a spec says, can write outside the output folder.
 */
public final class OutputTree {
  public static final int MODE_FILE = 0644;
  public static final int MODE_EXECUTABLE = 0755;

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_@%+=:,.\\-]+");

  private final SortedMap<String, OutputFile> files = new TreeMap<>();

  /** Adds a text file (UTF-8). Replacing an existing path is a bug in a backend. */
  public void add(String path, String text, int mode, Collection<SourceSpan> origins) {
    add(path, text.getBytes(StandardCharsets.UTF_8), mode, origins);
  }

  public void add(String path, byte[] content, int mode, Collection<SourceSpan> origins) {
    checkPath(path);
    if (files.containsKey(path)) {
      throw new IllegalStateException("two backends write " + path);
    }
    files.put(path, new OutputFile(path, content, mode, new ArrayList<>(origins)));
  }

  /** Rejects absolute paths, {@code ..}, empty segments and characters that need quoting. */
  public static void checkPath(String path) {
    if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
      throw new IllegalArgumentException("not a relative file path: " + path);
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("path escapes or is not normal: " + path);
      }
      if (!SEGMENT.matcher(segment).matches()) {
        throw new IllegalArgumentException("unsafe character in path: " + path);
      }
    }
  }

  public Optional<OutputFile> get(String path) {
    return Optional.ofNullable(files.get(path));
  }

  public List<OutputFile> files() {
    return List.copyOf(files.values());
  }

  public SortedMap<String, OutputFile> byPath() {
    return Collections.unmodifiableSortedMap(files);
  }

  /** The files under a folder, with paths relative to it. */
  public List<OutputFile> under(String folder) {
    String prefix = folder.endsWith("/") ? folder : folder + "/";
    List<OutputFile> out = new ArrayList<>();
    for (OutputFile f : files.values()) {
      if (f.path().startsWith(prefix)) {
        out.add(f);
      }
    }
    return out;
  }
}
