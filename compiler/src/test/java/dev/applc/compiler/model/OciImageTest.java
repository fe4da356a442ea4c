package dev.applc.compiler.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code oci("PATH:REF")} read as skopeo reads {@code oci:PATH:REF}. */
class OciImageTest {
  @Test
  void thePartAfterTheLastColonIsTheReference() {
    assertEquals(
        new OciImage("oci/debianhost", Optional.of("latest")),
        OciImage.parse("oci/debianhost:latest"));
    assertEquals(
        new OciImage("images/base.tar", Optional.of("v1")), OciImage.parse("images/base.tar:v1"));
  }

  @Test
  void withoutAColonThereIsNoReference() {
    assertEquals(
        new OciImage("oci/debianhost", Optional.empty()), OciImage.parse("oci/debianhost"));
  }

  @Test
  void aColonBeforeASlashIsPartOfThePath() {
    assertEquals(new OciImage("a:b/image", Optional.empty()), OciImage.parse("a:b/image"));
  }

  @Test
  void onlyTheLastColonSplits() {
    assertEquals(new OciImage("a:b/c", Optional.of("1.0")), OciImage.parse("a:b/c:1.0"));
    assertEquals(new OciImage("image", Optional.of("")), OciImage.parse("image:"));
  }
}
