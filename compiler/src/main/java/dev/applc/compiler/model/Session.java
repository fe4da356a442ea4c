package dev.applc.compiler.model;

import java.util.List;

/** Boot-to-app: one program on one VT, started by systemd with no login. */
public record Session(
    String user,
    String exec,
    int tty,
    String unit,
    List<String> after,
    List<String> wants,
    List<String> environment,
    String restart,
    String target,
    Origin origin) {
  public Session {
    after = List.copyOf(after);
    wants = List.copyOf(wants);
    environment = List.copyOf(environment);
  }
}
