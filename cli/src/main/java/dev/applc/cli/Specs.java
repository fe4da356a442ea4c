package dev.applc.cli;

import java.io.File;

/** Small helpers shared by the commands that read spec files. */
final class Specs {
  private Specs() {}

  /**
   * A file argument as the compiler reads it: a base folder and a name below it. The name is what
   * diagnostics and generated headers show, so it is never an absolute path of this machine:
   * relative to the working directory when the file lies below it, otherwise the file name in its
   * own folder.
   */
  record Location(
      java.nio.file.Path base, String name, java.util.Optional<java.nio.file.Path> project) {
    Location(java.nio.file.Path base, String name) {
      this(base, name, java.util.Optional.empty());
    }

    /** The same file, read within another project folder. */
    Location within(java.util.Optional<java.nio.file.Path> folder) {
      return new Location(base, name, folder);
    }

    /**
     * The folder the spec may read from: {@code --project}, or by default the spec's own folder.
     */
    java.nio.file.Path projectFolder() {
      return project.orElseGet(() -> base.resolve(name).toAbsolutePath().normalize().getParent());
    }

    dev.applc.compiler.driver.Result<dev.applc.compiler.driver.Compilation> compile() {
      return new dev.applc.compiler.driver.Compiler(
              dev.applc.compiler.source.SourceProvider.project(base, projectFolder()))
          .compile(name);
    }
  }

  static Location locate(String file) {
    java.nio.file.Path cwd = java.nio.file.Path.of("").toAbsolutePath();
    java.nio.file.Path p = java.nio.file.Path.of(file);
    if (!p.isAbsolute()) {
      return new Location(java.nio.file.Path.of(""), slashes(p));
    }
    p = p.normalize();
    if (p.startsWith(cwd)) {
      return new Location(java.nio.file.Path.of(""), slashes(cwd.relativize(p)));
    }
    java.nio.file.Path parent = p.getParent() == null ? p : p.getParent();
    return new Location(parent, slashes(p.getFileName()));
  }

  /** A file argument as shown in messages: the name of {@link #locate}. */
  static String name(String file) {
    return locate(file).name();
  }

  private static String slashes(java.nio.file.Path p) {
    return p.toString().replace(File.separatorChar, '/');
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
