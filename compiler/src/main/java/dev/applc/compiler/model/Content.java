package dev.applc.compiler.model;

import java.util.List;
import java.util.Optional;

/** Inline files, users and unit definitions, as the OS and profiles declare them. */
public record Content(List<InlineFile> files, List<User> users, List<UnitDefinition> units) {
  public Content {
    files = List.copyOf(files);
    users = List.copyOf(users);
    units = List.copyOf(units);
  }

  public static final Content EMPTY = new Content(List.of(), List.of(), List.of());

  /** A file written into the image, from inline text or a file beside the spec. */
  public record InlineFile(
      String path,
      Optional<String> content,
      Optional<String> source,
      String mode,
      String owner,
      String group,
      Origin origin) {}

  public record User(
      String name,
      Optional<Long> uid,
      List<String> groups,
      String shell,
      String home,
      boolean system,
      Origin origin) {
    public User {
      groups = List.copyOf(groups);
    }
  }

  /**
   * A systemd unit defined in the spec: either its whole text ({@code content}) or the common
   * settings, from which the systemd backend writes the file.
   */
  public record UnitDefinition(
      String name,
      Optional<String> content,
      Optional<String> description,
      List<String> after,
      List<String> before,
      List<String> wants,
      List<String> requires,
      List<String> wantedBy,
      String type,
      Optional<String> exec,
      List<String> execPre,
      Optional<String> user,
      String restart,
      Optional<Long> restartSecMillis,
      List<String> environment,
      boolean remainAfterExit,
      String standardOutput,
      Origin origin) {
    public UnitDefinition {
      after = List.copyOf(after);
      before = List.copyOf(before);
      wants = List.copyOf(wants);
      requires = List.copyOf(requires);
      wantedBy = List.copyOf(wantedBy);
      execPre = List.copyOf(execPre);
      environment = List.copyOf(environment);
    }
  }
}
