package dev.applc.cli;

import java.io.File;

/** Small helpers shared by the commands that read spec files. */
final class Specs {
  private Specs() {}

  /** A file argument as a display name: forward slashes, as the user wrote it. */
  static String name(String file) {
    return file.replace(File.separatorChar, '/');
  }

  static String summary(int files, long errors, long warnings) {
    String checked = "checked " + files + " file" + (files == 1 ? "" : "s");
    if (errors == 0 && warnings == 0) {
      return checked + ": no problems";
    }
    return checked
        + ": "
        + errors
        + " error"
        + (errors == 1 ? "" : "s")
        + ", "
        + warnings
        + " warning"
        + (warnings == 1 ? "" : "s");
  }
}
