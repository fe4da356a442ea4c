package dev.applc.backends.mkosi;

import dev.applc.backends.escape.Escape;

/**
 * The spec's own folder as the mkosi tree sees it: {@code mkosi/spec}, a link to the folder the
 * {@code .appliance} file is in, which whoever runs mkosi makes ({@code ln -sfn SPECDIR
 * OUT/mkosi/spec}). Overlays, keys and scripts are referred to through it, never copied into the
 * output, so private keys stay where they are. It records whether the tree refers to it at all, and
 * whether scripts in the image need it mounted.
 */
final class SpecFolder {
  static final String LINK = "spec";

  private boolean used;
  private boolean mounted;

  /** A path of the spec's folder, relative to the mkosi folder. */
  String path(String relative) {
    used = true;
    return LINK + "/" + relative;
  }

  /** The same path from a folder {@code depth} levels below the mkosi folder. */
  String pathFrom(int depth, String relative) {
    return "../".repeat(depth) + path(relative);
  }

  /**
   * A path of the spec's folder as a script inside the image reaches it, as a shell word: mkosi 15
   * and later mount the folder at {@code $SRCDIR/spec} with {@code BuildSources=spec:spec}.
   */
  String inImage(String relative) {
    used = true;
    mounted = true;
    return "\"$SRCDIR\"/" + Escape.shell(LINK + "/" + relative);
  }

  boolean used() {
    return used;
  }

  boolean mounted() {
    return mounted;
  }
}
