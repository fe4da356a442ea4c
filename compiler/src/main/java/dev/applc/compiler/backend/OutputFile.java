package dev.applc.compiler.backend;

import dev.applc.compiler.source.SourceSpan;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One generated file: its relative path, bytes, Unix mode and the spec spans it came from (the
 * source map that review tools and error mapping use).
 */
public record OutputFile(String path, byte[] content, int mode, List<SourceSpan> origins) {
  public OutputFile {
    content = content.clone();
    origins = List.copyOf(origins);
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutputFile f
        && f.path.equals(path)
        && java.util.Arrays.equals(f.content, content)
        && f.mode == mode
        && f.origins.equals(origins);
  }

  @Override
  public int hashCode() {
    return path.hashCode() * 31 + java.util.Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return path + " (" + content.length + " bytes, mode " + Integer.toOctalString(mode) + ")";
  }
}
