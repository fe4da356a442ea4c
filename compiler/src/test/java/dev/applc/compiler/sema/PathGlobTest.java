package dev.applc.compiler.sema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Strip patterns whose components could match {@code .} or {@code ..}, and ones that cannot. */
class PathGlobTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/.[.]/.[.]/etc/shado[w]",
        "/root/.*",
        "/root/.?",
        "/x/.[!a]",
        "/x/.[^a]*",
        "/x/\\.\\.",
        "/x/.\\.",
        "/x/[.][.]",
        "/x/[[:punct:]]*",
        "/x/.[[=.=]]",
        "/x/.[--0]"
      })
  void componentsThatCanMatchDotsAreFound(String pattern) {
    assertTrue(PathGlob.componentMatchingDots(pattern).isPresent(), pattern);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/var/log/*",
        "/usr/lib/python*",
        "/root/.[!.]*",
        "/root/.??*",
        "/x/*.*",
        "/x/?",
        "/x/??",
        "/x/[[:alpha:]]*",
        "/x/.bashrc",
        "/x/[abc]",
        "/x/.[a-z]*",
        "/x/[.",
        "/usr/x*glob?"
      })
  void componentsThatCannotMatchDotsPass(String pattern) {
    assertFalse(PathGlob.componentMatchingDots(pattern).isPresent(), pattern);
  }

  @org.junit.jupiter.api.Test
  void theOffendingComponentIsNamed() {
    assertEquals(Optional.of(".[.]"), PathGlob.componentMatchingDots("/a/.[.]/b"));
  }
}
