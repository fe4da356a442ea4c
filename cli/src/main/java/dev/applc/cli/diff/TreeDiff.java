package dev.applc.cli.diff;

import dev.applc.compiler.backend.OutputFile;
import dev.applc.compiler.backend.OutputTree;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** Compares two output trees file by file: content and mode, not the source map. */
public final class TreeDiff {
  private TreeDiff() {}

  /** The files that differ, sorted by path. */
  public static List<FileChange> compare(OutputTree oldTree, OutputTree newTree) {
    SortedSet<String> paths = new TreeSet<>(oldTree.byPath().keySet());
    paths.addAll(newTree.byPath().keySet());
    List<FileChange> changes = new ArrayList<>();
    for (String path : paths) {
      Optional<OutputFile> before = oldTree.get(path);
      Optional<OutputFile> after = newTree.get(path);
      byte[] a = before.map(OutputFile::content).orElse(new byte[0]);
      byte[] b = after.map(OutputFile::content).orElse(new byte[0]);
      int oldMode = before.map(OutputFile::mode).orElse(0);
      int newMode = after.map(OutputFile::mode).orElse(0);
      FileChange.Kind kind;
      if (before.isEmpty()) {
        kind = FileChange.Kind.ADDED;
      } else if (after.isEmpty()) {
        kind = FileChange.Kind.REMOVED;
      } else if (Arrays.equals(a, b) && oldMode == newMode) {
        continue;
      } else {
        kind = FileChange.Kind.MODIFIED;
      }
      Optional<String> oldText = text(a);
      Optional<String> newText = text(b);
      boolean binary = oldText.isEmpty() || newText.isEmpty();
      List<UnifiedDiff.Hunk> hunks =
          binary ? List.of() : UnifiedDiff.hunks(oldText.get(), newText.get());
      changes.add(new FileChange(path, kind, oldMode, newMode, binary, hunks));
    }
    return changes;
  }

  /** The bytes as text, or empty when they are not UTF-8 text without NUL bytes. */
  static Optional<String> text(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
